package dev.wsboot.endpoint;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.wsboot.endpoint.EndpointMethod.MessageParameter;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;

/**
 * Which of an endpoint's {@link OnMessage @OnMessage} methods takes a message, decided per
 * frame type at start: the one method taking text (or bytes) as it is, or the methods taking
 * payloads a codec reads. Several payload methods share a polymorphic base (a sealed type,
 * or one Jackson reads by a type id): the message is decoded once, into the base, and goes
 * to the method whose parameter type is closest to what it turned out to be.
 */
final class MessageDispatch {

	private static final String JSON_TYPE_INFO = "com.fasterxml.jackson.annotation.JsonTypeInfo";

	private final @Nullable Route route;

	private MessageDispatch(@Nullable Route route) {
		this.route = route;
	}

	/** The method to call for a message, with the event it is called with: the message, or its payload. */
	record Target(EndpointMethod method, Object event) {
	}

	/**
	 * How messages of one frame type reach their methods.
	 * @param codec reads payloads, {@code null} when the one method takes the message as it is
	 * @param type what the codec reads into
	 * @param methods the candidates, most specific parameter type first
	 */
	private record Route(@Nullable WsMessageCodec codec, ResolvableType type, List<EndpointMethod> methods,
			@Nullable Validator validator) {
	}

	/**
	 * The dispatch of {@code format} messages among {@code messages}.
	 * @throws WsEndpointDefinitionException when it is ambiguous
	 */
	static MessageDispatch of(Class<?> endpointClass, List<EndpointMethod> messages, WsMessageCodec.Format format,
			EndpointSupport support) {
		String what = (format == WsMessageCodec.Format.TEXT) ? "text" : "binary";
		List<EndpointMethod> raw = new ArrayList<>();
		List<EndpointMethod> payloads = new ArrayList<>();
		for (EndpointMethod method : messages) {
			MessageParameter message = method.message();
			if (message.raw() == format) {
				raw.add(method);
			}
			else if (message.raw() == null && support.codecs().decoderFor(message.type(), format) != null) {
				payloads.add(method);
			}
		}
		if (raw.size() > 1 || (raw.size() == 1 && !payloads.isEmpty())) {
			List<EndpointMethod> all = new ArrayList<>(raw);
			all.addAll(payloads);
			throw ambiguous(endpointClass, what, all, "Keep one method taking the " + what
					+ " as it is, or only methods taking payloads of one polymorphic type.");
		}
		if (raw.size() == 1) {
			return new MessageDispatch(new Route(null, raw.get(0).message().type(), raw, null));
		}
		if (payloads.isEmpty()) {
			return new MessageDispatch(null);
		}
		ResolvableType base = (payloads.size() == 1) ? payloads.get(0).message().type()
				: commonBase(endpointClass, what, payloads);
		WsMessageCodec codec = support.codecs().decoderFor(base, format);
		if (codec == null) {
			throw ambiguous(endpointClass, what, payloads, "Make a message codec read " + base + ".");
		}
		List<EndpointMethod> ordered = new ArrayList<>(payloads);
		ordered.sort(Comparator.comparingInt((EndpointMethod method) -> supertypes(method.message().type().toClass())
			.size()).reversed());
		return new MessageDispatch(new Route(codec, base, ordered, support.validator()));
	}

	/** The polymorphic type every payload type extends, closest first. */
	private static ResolvableType commonBase(Class<?> endpointClass, String what, List<EndpointMethod> payloads) {
		Set<Class<?>> types = new HashSet<>();
		for (EndpointMethod method : payloads) {
			if (!types.add(method.message().type().toClass())) {
				throw ambiguous(endpointClass, what, payloads, "Give each method its own payload type.");
			}
		}
		for (Class<?> candidate : supertypes(payloads.get(0).message().type().toClass())) {
			if (isPolymorphic(candidate) && types.stream().allMatch(candidate::isAssignableFrom)) {
				return ResolvableType.forClass(candidate);
			}
		}
		throw ambiguous(endpointClass, what, payloads, "Give the payload types a common base that tells them apart: "
				+ "a sealed interface or class, or one annotated @JsonTypeInfo.");
	}

	/**
	 * The type and its supertypes but {@code Object}, closest first. A subtype has more of
	 * them than any of its supertypes, so that ordering by their number puts every type before
	 * its supertypes; comparing two types by assignability alone leaves unrelated ones equal,
	 * which is no order a sort can rely on.
	 */
	private static Set<Class<?>> supertypes(Class<?> type) {
		Set<Class<?>> all = new LinkedHashSet<>();
		List<Class<?>> next = new ArrayList<>(List.of(type));
		while (!next.isEmpty()) {
			Class<?> current = next.remove(0);
			if (current != null && current != Object.class && all.add(current)) {
				next.add(current.getSuperclass());
				next.addAll(List.of(current.getInterfaces()));
			}
		}
		return all;
	}

	private static boolean isPolymorphic(Class<?> type) {
		if (type.isSealed()) {
			return true;
		}
		for (Annotation annotation : type.getAnnotations()) {
			if (annotation.annotationType().getName().equals(JSON_TYPE_INFO)) {
				return true;
			}
		}
		return false;
	}

	private static WsEndpointDefinitionException ambiguous(Class<?> endpointClass, String what,
			List<EndpointMethod> methods, String action) {
		return new WsEndpointDefinitionException("Endpoint " + endpointClass.getName()
				+ " cannot tell which @OnMessage method takes a " + what + " message: "
				+ String.join(", ", methods.stream().map(EndpointMethod::signature).toList()) + ".", action);
	}

	/** Whether some method takes messages of this frame type. */
	boolean isHandled() {
		return this.route != null;
	}

	/** The methods that take messages of this frame type. */
	List<EndpointMethod> methods() {
		return (this.route != null) ? this.route.methods() : List.of();
	}

	/**
	 * The method for a message, with its payload decoded (and validated) when it takes one.
	 * @throws WsDecodeException when the message does not fit
	 */
	Target target(Object message) {
		Route current = this.route;
		if (current == null) {
			throw new IllegalStateException("No method takes these messages");
		}
		if (current.codec() == null) {
			return new Target(current.methods().get(0), message);
		}
		Object payload = current.codec().decode(message, current.type());
		for (EndpointMethod method : current.methods()) {
			if (method.message().type().isInstance(payload)) {
				validate(payload, method.message(), current.validator());
				return new Target(method, payload);
			}
		}
		throw WsDecodeException.unsupported("No method takes a " + payload.getClass().getSimpleName(), null);
	}

	private static void validate(Object payload, MessageParameter parameter, @Nullable Validator validator) {
		Object[] hints = parameter.validationHints();
		if (hints == null || validator == null) {
			return;
		}
		Errors errors = new BeanPropertyBindingResult(payload, "message");
		if (hints.length > 0 && validator instanceof SmartValidator smart) {
			smart.validate(payload, errors, hints);
		}
		else {
			validator.validate(payload, errors);
		}
		if (errors.hasErrors()) {
			FieldError field = errors.getFieldError();
			String reason = (field != null) ? field.getField() + " " + field.getDefaultMessage()
					: errors.getAllErrors().get(0).getDefaultMessage();
			throw WsDecodeException.invalid("Invalid " + payload.getClass().getSimpleName() + ": " + reason, null);
		}
	}

}
