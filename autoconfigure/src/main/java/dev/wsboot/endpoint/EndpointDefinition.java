package dev.wsboot.endpoint;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The checked {@link EndpointMethod handler methods} of one {@link WsEndpoint @WsEndpoint}
 * class: at most one each for open, text, binary and close, and any number of error
 * methods for different exception types.
 */
final class EndpointDefinition {

	private final @Nullable EndpointMethod onOpen;

	private final @Nullable EndpointMethod onText;

	private final @Nullable EndpointMethod onBinary;

	private final @Nullable EndpointMethod onClose;

	private final List<EndpointMethod> onError;

	private EndpointDefinition(@Nullable EndpointMethod onOpen, @Nullable EndpointMethod onText,
			@Nullable EndpointMethod onBinary, @Nullable EndpointMethod onClose, List<EndpointMethod> onError) {
		this.onOpen = onOpen;
		this.onText = onText;
		this.onBinary = onBinary;
		this.onClose = onClose;
		this.onError = onError;
	}

	/**
	 * Finds and checks the handler methods of an endpoint class, including inherited ones.
	 * @throws WsEndpointDefinitionException if a method is declared in a way that cannot work
	 */
	static EndpointDefinition of(Class<?> endpointClass) {
		Map<Method, MethodKind> annotated = MethodIntrospector.selectMethods(endpointClass,
				(MethodIntrospector.MetadataLookup<MethodKind>) (method) -> kindOf(endpointClass, method));
		List<EndpointMethod> open = new ArrayList<>();
		List<EndpointMethod> messages = new ArrayList<>();
		List<EndpointMethod> close = new ArrayList<>();
		List<EndpointMethod> errors = new ArrayList<>();
		annotated.entrySet()
			.stream()
			.sorted(Comparator.comparing((entry) -> EndpointMethod.signature(entry.getKey())))
			.forEach((entry) -> {
				EndpointMethod method = EndpointMethod.of(endpointClass, entry.getKey(), entry.getValue());
				switch (entry.getValue()) {
					case OPEN -> open.add(method);
					case MESSAGE -> messages.add(method);
					case CLOSE -> close.add(method);
					case ERROR -> errors.add(method);
				}
			});
		errors.sort(Comparator.comparingInt((EndpointMethod method) -> depth(method.eventType())).reversed());
		checkErrorTypesDiffer(endpointClass, errors);
		List<EndpointMethod> text = filter(messages, EndpointMethod::isText);
		List<EndpointMethod> binary = filter(messages, (method) -> !method.isText());
		return new EndpointDefinition(atMostOne(endpointClass, open, "@OnOpen method"),
				atMostOne(endpointClass, text, "@OnMessage method for text messages"),
				atMostOne(endpointClass, binary, "@OnMessage method for binary messages"),
				atMostOne(endpointClass, close, "@OnClose method"), List.copyOf(errors));
	}

	/** These methods, made invocable on a bean of the given type, such as an AOP proxy. */
	EndpointDefinition bindTo(Class<?> beanType) {
		return new EndpointDefinition(bind(this.onOpen, beanType), bind(this.onText, beanType),
				bind(this.onBinary, beanType), bind(this.onClose, beanType),
				this.onError.stream().map((method) -> method.bindTo(beanType)).toList());
	}

	@Nullable EndpointMethod onOpen() {
		return this.onOpen;
	}

	@Nullable EndpointMethod onText() {
		return this.onText;
	}

	@Nullable EndpointMethod onBinary() {
		return this.onBinary;
	}

	@Nullable EndpointMethod onClose() {
		return this.onClose;
	}

	/** The error method whose exception type is the closest superclass of {@code error}, if any. */
	/** The handler methods by annotation, as signatures, for the Actuator endpoint. */
	Map<String, List<String>> describeMethods() {
		Map<String, List<String>> methods = new LinkedHashMap<>();
		describe(methods, "OnOpen", this.onOpen);
		describe(methods, "OnMessage", this.onText);
		describe(methods, "OnMessage", this.onBinary);
		describe(methods, "OnClose", this.onClose);
		this.onError.forEach((method) -> describe(methods, "OnError", method));
		return methods;
	}

	private static void describe(Map<String, List<String>> methods, String annotation, @Nullable EndpointMethod method) {
		if (method != null) {
			methods.computeIfAbsent(annotation, (key) -> new ArrayList<>()).add(method.signature());
		}
	}

	@Nullable EndpointMethod onError(Throwable error) {
		for (EndpointMethod method : this.onError) {
			if (method.eventType().isInstance(error)) {
				return method;
			}
		}
		return null;
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

	private static @Nullable EndpointMethod bind(@Nullable EndpointMethod method, Class<?> beanType) {
		return (method != null) ? method.bindTo(beanType) : null;
	}

	private static List<EndpointMethod> filter(List<EndpointMethod> methods, Predicate<EndpointMethod> predicate) {
		return methods.stream().filter(predicate).toList();
	}

	private static @Nullable EndpointMethod atMostOne(Class<?> endpointClass, List<EndpointMethod> methods,
			String what) {
		if (methods.size() > 1) {
			throw new WsEndpointDefinitionException("Endpoint " + endpointClass.getName() + " has more than one "
					+ what + ": " + signatures(methods) + ".", "Keep one " + what + ".");
		}
		return methods.isEmpty() ? null : methods.get(0);
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
