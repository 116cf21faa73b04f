package dev.wsboot.endpoint;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One handler method of a {@link WsEndpoint @WsEndpoint} class, checked once at startup:
 * how each argument is obtained and what becomes of the return value, so that a call does
 * no lookup.
 */
final class EndpointMethod {

	private final Method method;

	private final MethodKind kind;

	private final Class<?> eventType;

	private final Argument[] arguments;

	private final Reply reply;

	private EndpointMethod(Method method, MethodKind kind, Class<?> eventType, Argument[] arguments, Reply reply) {
		this.method = method;
		this.kind = kind;
		this.eventType = eventType;
		this.arguments = arguments;
		this.reply = reply;
	}

	/**
	 * Checks a method of an endpoint class.
	 * @throws WsEndpointDefinitionException if a parameter or the return type is not supported
	 */
	static EndpointMethod of(Class<?> endpointClass, Method method, MethodKind kind) {
		Class<?>[] types = method.getParameterTypes();
		Argument[] arguments = new Argument[types.length];
		Class<?> eventType = null;
		for (int i = 0; i < types.length; i++) {
			Class<?> type = types[i];
			if (type == WsSession.class) {
				arguments[i] = (session, event) -> session;
				continue;
			}
			if (!kind.acceptsEvent(type)) {
				throw invalid(endpointClass, method, kind, "has a parameter of unsupported type " + type.getName(),
						"Declare only parameters of the types an " + kind + " method supports: " + kind.supported
								+ ".");
			}
			if (eventType != null) {
				throw invalid(endpointClass, method, kind, "declares more than one " + kind.eventName + " parameter",
						"Declare one " + kind.eventName + " parameter at most.");
			}
			eventType = type;
			arguments[i] = (type == ByteBuffer.class) ? EndpointMethod::readOnlyBuffer : (session, event) -> event;
		}
		if (kind == MethodKind.MESSAGE && eventType == null) {
			throw invalid(endpointClass, method, kind, "declares no message parameter",
					"Add a parameter of type String or CharSequence for text messages, "
							+ "or byte[] or ByteBuffer for binary messages.");
		}
		Reply reply = reply(endpointClass, method, kind);
		ReflectionUtils.makeAccessible(method);
		return new EndpointMethod(method, kind, (eventType != null) ? eventType : kind.defaultEventType, arguments,
				reply);
	}

	private static Reply reply(Class<?> endpointClass, Method method, MethodKind kind) {
		Class<?> type = method.getReturnType();
		Reply reply = Reply.forType(type);
		if (kind != MethodKind.MESSAGE && reply != Reply.NONE) {
			throw invalid(endpointClass, method, kind, "returns " + type.getName(),
					"Make it return void; to send a message, declare a WsSession parameter and use it.");
		}
		if (reply == null) {
			throw invalid(endpointClass, method, kind, "returns " + type.getName() + ", which cannot be sent",
					"Return String or CharSequence to reply with text, byte[] or ByteBuffer to reply with binary, "
							+ "or void.");
		}
		return reply;
	}

	private static ByteBuffer readOnlyBuffer(WsSession session, @Nullable Object message) {
		return ByteBuffer.wrap((byte[]) message).asReadOnlyBuffer();
	}

	/** This method, made invocable on a bean of the given type, such as an AOP proxy. */
	EndpointMethod bindTo(Class<?> beanType) {
		Method invocable;
		try {
			invocable = AopUtils.selectInvocableMethod(this.method, beanType);
		}
		catch (IllegalStateException ex) {
			throw new WsEndpointDefinitionException(ex.getMessage(),
					"Make the " + this.kind + " method public, protected or package-private.");
		}
		ReflectionUtils.makeAccessible(invocable);
		return new EndpointMethod(invocable, this.kind, this.eventType, this.arguments, this.reply);
	}

	/** The type of the event parameter: the message, close status or error type. */
	Class<?> eventType() {
		return this.eventType;
	}

	/** Whether this is a message method taking text. */
	boolean isText() {
		return CharSequence.class.isAssignableFrom(this.eventType);
	}

	/** The method's name and parameter types, for messages. */
	String signature() {
		return signature(this.method);
	}

	/**
	 * Invokes the method and sends back what it returned.
	 * @param event the message, close status or error the method is called for
	 * @throws UndeclaredThrowableException wrapping a checked exception the method threw
	 */
	void invoke(Object bean, WsSession session, @Nullable Object event) {
		@Nullable Object[] args = new Object[this.arguments.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = this.arguments[i].resolve(session, event);
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
		this.reply.send(session, result);
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

	/** What to do with a message method's return value. */
	private enum Reply {

		NONE, TEXT, BYTES, BUFFER;

		static @Nullable Reply forType(Class<?> type) {
			if (type == void.class) {
				return NONE;
			}
			if (CharSequence.class.isAssignableFrom(type)) {
				return TEXT;
			}
			if (type == byte[].class) {
				return BYTES;
			}
			if (ByteBuffer.class.isAssignableFrom(type)) {
				return BUFFER;
			}
			return null;
		}

		void send(WsSession session, @Nullable Object value) {
			if (value == null) {
				return;
			}
			switch (this) {
				case TEXT -> session.sendText((CharSequence) value);
				case BYTES -> session.sendBinary((byte[]) value);
				case BUFFER -> session.sendBinary((ByteBuffer) value);
				case NONE -> {
				}
			}
		}

	}

	/** Obtains one argument of a call. */
	@FunctionalInterface
	private interface Argument {

		@Nullable Object resolve(WsSession session, @Nullable Object event);

	}

}
