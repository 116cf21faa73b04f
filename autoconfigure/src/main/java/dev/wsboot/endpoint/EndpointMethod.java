package dev.wsboot.endpoint;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.annotation.ValidationAnnotationUtils;

/**
 * One handler method of a {@link WsEndpoint @WsEndpoint} class, checked once at startup:
 * how each argument is obtained and what becomes of the return value, so that a call does
 * no lookup.
 */
final class EndpointMethod {

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	/** The method as declared, then as invocable on the bean: see {@link #bindTo}. */
	private volatile Method method;

	private final MethodKind kind;

	private final Argument[] arguments;

	/** The message parameter of a message method, else {@code null}. */
	private final @Nullable MessageParameter message;

	/** The close status or the error type of a close or error method; {@code Void} otherwise. */
	private final Class<?> eventType;

	private final ReturnValues.@Nullable Handling returnValue;

	/** The checks of each call, from the {@link WsMethodGuard}s that have one for this method. */
	private final WsMethodGuard.Check[] checks;

	private EndpointMethod(Method method, MethodKind kind, Argument[] arguments, @Nullable MessageParameter message,
			Class<?> eventType, ReturnValues.@Nullable Handling returnValue, WsMethodGuard.Check[] checks) {
		this.method = method;
		this.kind = kind;
		this.arguments = arguments;
		this.message = message;
		this.eventType = eventType;
		this.returnValue = returnValue;
		this.checks = checks;
	}

	/** Obtains one argument of a call. */
	@FunctionalInterface
	private interface Argument {

		@Nullable Object resolve(WsInvocation invocation);

	}

	/**
	 * The message parameter of a message method.
	 * @param type the parameter's type
	 * @param raw {@code TEXT} or {@code BINARY} for a message taken as it is, {@code null}
	 * for one decoded by a codec
	 * @param validationHints the hints of {@code @Valid} or {@code @Validated} on it, or
	 * {@code null} when it is not validated
	 */
	record MessageParameter(ResolvableType type, WsMessageCodec.@Nullable Format raw, Object @Nullable [] validationHints) {
	}

	/**
	 * Checks a method of an endpoint class.
	 * @throws WsEndpointDefinitionException if a parameter or the return type is not supported
	 */
	static EndpointMethod of(Class<?> endpointClass, Method method, MethodKind kind, EndpointSupport support,
			EndpointParameters parameters) {
		Argument[] arguments = new Argument[method.getParameterCount()];
		MessageParameter message = null;
		Class<?> eventType = (kind == MethodKind.ERROR) ? Throwable.class : Void.class;
		boolean eventDeclared = false;
		for (int i = 0; i < arguments.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			parameter.initParameterNameDiscovery(NAMES);
			Class<?> type = parameter.getParameterType();
			if (kind.isEvent(type)) {
				if (eventDeclared) {
					throw invalid(endpointClass, method, kind, "declares more than one " + type.getSimpleName()
							+ " parameter", "Declare one at most.");
				}
				eventDeclared = true;
				eventType = type;
				arguments[i] = WsInvocation::event;
				continue;
			}
			Argument resolved = resolved(parameter, support, parameters, endpointClass, method, kind);
			if (resolved != null) {
				arguments[i] = resolved;
				continue;
			}
			if (kind == MethodKind.MESSAGE && message != null) {
				throw invalid(endpointClass, method, kind, "declares more than one message parameter",
						"Take the message in one parameter; other parameters must be WsSession, @PathParam, "
								+ "@QueryParam, or supported by a WsArgumentResolver.");
			}
			if (kind != MethodKind.MESSAGE) {
				throw invalid(endpointClass, method, kind, "has a parameter of unsupported type " + type.getName(),
						"Declare the parameters an " + kind + " method supports: " + supported(kind) + ".");
			}
			message = messageParameter(parameter);
			arguments[i] = (type == ByteBuffer.class) ? EndpointMethod::readOnlyBuffer : WsInvocation::event;
		}
		if (kind == MethodKind.MESSAGE && message == null) {
			throw invalid(endpointClass, method, kind, "declares no message parameter",
					"Add a parameter for the message: String for text, byte[] or ByteBuffer for binary, "
							+ "or any other type for a payload a codec reads (JSON by default).");
		}
		ReturnValues.Handling returnValue = returnValue(endpointClass, method, kind, support);
		ReflectionUtils.makeAccessible(method);
		return new EndpointMethod(method, kind, arguments, message, eventType, returnValue,
				checks(endpointClass, method, support));
	}

	private static WsMethodGuard.Check[] checks(Class<?> endpointClass, Method method, EndpointSupport support) {
		List<WsMethodGuard.Check> checks = new ArrayList<>();
		for (WsMethodGuard guard : support.methodGuards()) {
			WsMethodGuard.Check check = guard.checkFor(endpointClass, method);
			if (check != null) {
				checks.add(check);
			}
		}
		return checks.toArray(new WsMethodGuard.Check[0]);
	}

	private static @Nullable Argument resolved(MethodParameter parameter, EndpointSupport support,
			EndpointParameters parameters, Class<?> endpointClass, Method method, MethodKind kind) {
		if (parameter.getParameterType() == WsSession.class) {
			return WsInvocation::session;
		}
		if (parameter.getParameterType() == Principal.class) {
			return (invocation) -> invocation.session().principal();
		}
		if (parameter.hasParameterAnnotation(PathParam.class) || parameter.hasParameterAnnotation(QueryParam.class)) {
			try {
				int slot = parameters.register(parameter);
				return (invocation) -> EndpointParameters.value(invocation.session(), slot);
			}
			catch (IllegalArgumentException ex) {
				throw invalid(endpointClass, method, kind, "cannot bind parameter '" + parameter.getParameterName()
						+ "': " + ex.getMessage(), "Fix the annotation or the path.");
			}
		}
		for (WsArgumentResolver resolver : support.argumentResolvers()) {
			if (resolver.supportsParameter(parameter)) {
				return (invocation) -> resolver.resolveArgument(parameter, invocation);
			}
		}
		return null;
	}

	private static MessageParameter messageParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		WsMessageCodec.Format raw = (type == String.class || type == CharSequence.class) ? WsMessageCodec.Format.TEXT
				: (type == byte[].class || type == ByteBuffer.class) ? WsMessageCodec.Format.BINARY : null;
		Object[] hints = null;
		for (Annotation annotation : parameter.getParameterAnnotations()) {
			Object[] found = ValidationAnnotationUtils.determineValidationHints(annotation);
			if (found != null) {
				hints = found;
			}
		}
		return new MessageParameter(ResolvableType.forMethodParameter(parameter), raw, hints);
	}

	private static ReturnValues.@Nullable Handling returnValue(Class<?> endpointClass, Method method, MethodKind kind,
			EndpointSupport support) {
		MethodParameter returnType = new MethodParameter(method, -1);
		Class<?> type = returnType.getParameterType();
		if (!kind.replies && type != void.class) {
			throw invalid(endpointClass, method, kind, "returns " + type.getName(),
					"Make it return void: the session is closed, nothing can be sent.");
		}
		try {
			return ReturnValues.forType(returnType, support);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(endpointClass, method, kind, "returns " + type.getName() + ", which cannot be sent: "
					+ ex.getMessage(), "Return String, byte[], ByteBuffer, void, or a type a message codec writes "
							+ "(JSON needs Jackson on the class path).");
		}
	}

	private static String supported(MethodKind kind) {
		return switch (kind) {
			case OPEN -> "WsSession, Principal, @PathParam, @QueryParam";
			case MESSAGE -> "WsSession, Principal, @PathParam, @QueryParam, and one message parameter";
			case CLOSE -> "WsSession, Principal, CloseStatus, @PathParam, @QueryParam";
			case ERROR -> "WsSession, Principal, a Throwable type, @PathParam, @QueryParam";
		};
	}

	private static ByteBuffer readOnlyBuffer(WsInvocation invocation) {
		return ByteBuffer.wrap((byte[]) invocation.event()).asReadOnlyBuffer();
	}

	/** Makes this method invocable on the endpoint bean, of the given type, such as an AOP proxy. */
	void bindTo(Class<?> beanType) {
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(this.method, beanType);
		}
		catch (IllegalStateException ex) {
			throw new WsEndpointDefinitionException(ex.getMessage(),
					"Make the " + this.kind + " method public, protected or package-private.");
		}
		ReflectionUtils.makeAccessible(invocable);
		this.method = invocable;
	}

	/** The message parameter of a message method, else {@code null}. */
	@Nullable MessageParameter message() {
		return this.message;
	}

	/** The type of the event parameter: the close status or error type; {@code Void} when there is none. */
	Class<?> eventType() {
		return this.eventType;
	}

	/** The method's name and parameter types, for messages. */
	String signature() {
		return signature(this.method);
	}

	/**
	 * Invokes the method and does what its return value asks for.
	 * @param event the message, close status or error the method is called for
	 * @throws UndeclaredThrowableException wrapping a checked exception the method threw
	 */
	void invoke(Object bean, WsSession session, @Nullable Object event) {
		WsInvocation invocation = new WsInvocation(session, event);
		@Nullable Object[] args = new Object[this.arguments.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.arguments[i].resolve(invocation);
		}
		for (WsMethodGuard.Check check : this.checks) {
			check.check(bean, args, invocation);
		}
		Object result;
		try {
			result = this.method.invoke(bean, args);
		}
		catch (InvocationTargetException ex) {
			throw rethrow(ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot invoke " + this.method, ex);
		}
		if (this.returnValue != null) {
			this.returnValue.handle(result, session);
		}
	}

	private static RuntimeException rethrow(Throwable ex) {
		if (ex instanceof RuntimeException runtimeException) {
			return runtimeException;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		return new UndeclaredThrowableException(ex);
	}

	static String signature(Method method) {
		return method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getSimpleName)
			.collect(Collectors.joining(", ", "(", ")"));
	}

	static WsEndpointDefinitionException invalid(Class<?> endpointClass, Method method, MethodKind kind,
			String problem, String action) {
		return new WsEndpointDefinitionException(
				kind + " method " + endpointClass.getName() + "." + signature(method) + " " + problem + ".", action);
	}

}
