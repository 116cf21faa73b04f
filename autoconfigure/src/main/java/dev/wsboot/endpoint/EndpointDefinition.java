package dev.wsboot.endpoint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.wsboot.server.PathTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The checked {@link EndpointMethod handler methods} of one {@link WsEndpoint @WsEndpoint}
 * class: at most one for open and for close, the {@link MessageDispatch} of text and of binary
 * messages, any number of error methods for different exception types, and the
 * {@link EndpointParameters} its path and query parameters are bound with.
 */
final class EndpointDefinition {

	private final @Nullable EndpointMethod onOpen;

	private final MessageDispatch text;

	private final MessageDispatch binary;

	private final @Nullable EndpointMethod onClose;

	private final List<EndpointMethod> onError;

	private final EndpointParameters parameters;

	private EndpointDefinition(@Nullable EndpointMethod onOpen, MessageDispatch text, MessageDispatch binary,
			@Nullable EndpointMethod onClose, List<EndpointMethod> onError, EndpointParameters parameters) {
		this.onOpen = onOpen;
		this.text = text;
		this.binary = binary;
		this.onClose = onClose;
		this.onError = onError;
		this.parameters = parameters;
	}

	/**
	 * Finds and checks the handler methods of an endpoint class, including inherited ones.
	 * @throws WsEndpointDefinitionException if a method is declared in a way that cannot work
	 */
	static EndpointDefinition of(Class<?> endpointClass, PathTemplate template, EndpointSupport support) {
		Map<Method, MethodKind> annotated = MethodIntrospector.selectMethods(endpointClass,
				(MethodIntrospector.MetadataLookup<MethodKind>) (method) -> kindOf(endpointClass, method));
		EndpointParameters parameters = new EndpointParameters(template, support.conversionService());
		Map<MethodKind, List<EndpointMethod>> byKind = new LinkedHashMap<>();
		annotated.entrySet()
			.stream()
			.sorted(Comparator.comparing((entry) -> EndpointMethod.signature(entry.getKey())))
			.forEach((entry) -> byKind.computeIfAbsent(entry.getValue(), (kind) -> new ArrayList<>())
				.add(EndpointMethod.of(endpointClass, entry.getKey(), entry.getValue(), support, parameters)));
		List<EndpointMethod> messages = byKind.getOrDefault(MethodKind.MESSAGE, List.of());
		List<EndpointMethod> errors = new ArrayList<>(byKind.getOrDefault(MethodKind.ERROR, List.of()));
		errors.sort(Comparator.comparingInt((EndpointMethod method) -> depth(method.eventType())).reversed());
		checkErrorTypesDiffer(endpointClass, errors);
		MessageDispatch text = MessageDispatch.of(endpointClass, messages, WsMessageCodec.Format.TEXT, support);
		MessageDispatch binary = MessageDispatch.of(endpointClass, messages, WsMessageCodec.Format.BINARY, support);
		checkEveryMessageMethodReached(endpointClass, messages, text, binary);
		return new EndpointDefinition(atMostOne(endpointClass, byKind.get(MethodKind.OPEN), "@OnOpen method"), text,
				binary, atMostOne(endpointClass, byKind.get(MethodKind.CLOSE), "@OnClose method"), List.copyOf(errors),
				parameters);
	}

	/** Makes these methods invocable on the endpoint bean, of the given type, such as an AOP proxy. */
	void bindTo(Class<?> beanType) {
		for (EndpointMethod method : allMethods()) {
			method.bindTo(beanType);
		}
	}

	@Nullable EndpointMethod onOpen() {
		return this.onOpen;
	}

	MessageDispatch text() {
		return this.text;
	}

	MessageDispatch binary() {
		return this.binary;
	}

	@Nullable EndpointMethod onClose() {
		return this.onClose;
	}

	/** What binds the endpoint's path and query parameters at the upgrade. */
	EndpointParameters parameters() {
		return this.parameters;
	}

	/** The error method whose exception type is the closest superclass of {@code error}, if any. */
	@Nullable EndpointMethod onError(Throwable error) {
		for (EndpointMethod method : this.onError) {
			if (method.eventType().isInstance(error)) {
				return method;
			}
		}
		return null;
	}

	/**
	 * The error method that answers a message the endpoint could not take, keeping the session
	 * open: one declared for {@link WsDecodeException} or a subtype that fits {@code error}.
	 */
	@Nullable EndpointMethod onDecodeError(WsDecodeException error) {
		EndpointMethod method = onError(error);
		return (method != null && WsDecodeException.class.isAssignableFrom(method.eventType())) ? method : null;
	}

	private List<EndpointMethod> allMethods() {
		List<EndpointMethod> all = new ArrayList<>();
		if (this.onOpen != null) {
			all.add(this.onOpen);
		}
		all.addAll(this.text.methods());
		this.binary.methods().stream().filter((method) -> !all.contains(method)).forEach(all::add);
		if (this.onClose != null) {
			all.add(this.onClose);
		}
		all.addAll(this.onError);
		return all;
	}

	/** The handler methods by annotation, as signatures, for the Actuator endpoint. */
	Map<String, List<String>> describeMethods() {
		Map<String, List<String>> methods = new LinkedHashMap<>();
		describe(methods, "OnOpen", this.onOpen);
		this.text.methods().forEach((method) -> describe(methods, "OnMessage", method));
		this.binary.methods()
			.stream()
			.filter((method) -> !this.text.methods().contains(method))
			.forEach((method) -> describe(methods, "OnMessage", method));
		describe(methods, "OnClose", this.onClose);
		this.onError.forEach((method) -> describe(methods, "OnError", method));
		return methods;
	}

	private static void describe(Map<String, List<String>> methods, String annotation, @Nullable EndpointMethod method) {
		if (method != null) {
			methods.computeIfAbsent(annotation, (key) -> new ArrayList<>()).add(method.signature());
		}
	}

	private static @Nullable MethodKind kindOf(Class<?> endpointClass, Method method) {
		MethodKind found = null;
		for (MethodKind kind : MethodKind.values()) {
			if (AnnotatedElementUtils.hasAnnotation(method, kind.annotation)) {
				if (found != null) {
					throw EndpointMethod.invalid(endpointClass, method, found, "is also annotated " + kind,
							"Use one method per annotation.");
				}
				found = kind;
			}
		}
		return found;
	}

	private static @Nullable EndpointMethod atMostOne(Class<?> endpointClass, @Nullable List<EndpointMethod> methods,
			String what) {
		if (methods == null || methods.isEmpty()) {
			return null;
		}
		if (methods.size() > 1) {
			throw new WsEndpointDefinitionException("Endpoint " + endpointClass.getName() + " has more than one "
					+ what + ": " + signatures(methods) + ".", "Keep one " + what + ".");
		}
		return methods.get(0);
	}

	/** A message method no message can reach takes a payload no codec reads: a mistake to report. */
	private static void checkEveryMessageMethodReached(Class<?> endpointClass, List<EndpointMethod> messages,
			MessageDispatch text, MessageDispatch binary) {
		for (EndpointMethod method : messages) {
			if (!text.methods().contains(method) && !binary.methods().contains(method)) {
				throw new WsEndpointDefinitionException("@OnMessage method " + endpointClass.getName() + "."
						+ method.signature() + " takes a " + method.message().type()
						+ ", which no message codec reads.", "Take String or CharSequence for text, byte[] or "
								+ "ByteBuffer for binary, or a type a message codec reads (JSON needs Jackson and "
								+ "its JsonMapper, which spring-boot-starter-jackson brings).");
			}
		}
	}

	private static void checkErrorTypesDiffer(Class<?> endpointClass, List<EndpointMethod> errors) {
		Map<Class<?>, List<EndpointMethod>> byType = errors.stream()
			.collect(Collectors.groupingBy(EndpointMethod::eventType));
		byType.forEach((type, methods) -> {
			if (methods.size() > 1) {
				throw new WsEndpointDefinitionException("Endpoint " + endpointClass.getName()
						+ " has more than one @OnError method for " + type.getName() + ": " + signatures(methods) + ".",
						"Keep one @OnError method per exception type.");
			}
		});
	}

	private static String signatures(List<EndpointMethod> methods) {
		return methods.stream().map(EndpointMethod::signature).collect(Collectors.joining(", "));
	}

	private static int depth(Class<?> type) {
		int depth = 0;
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			depth++;
		}
		return depth;
	}

}
