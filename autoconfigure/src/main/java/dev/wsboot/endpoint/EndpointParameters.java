package dev.wsboot.endpoint;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsUpgrade;
import dev.wsboot.server.WsUpgradeCheck;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

/**
 * The {@link PathParam @PathParam} and {@link QueryParam @QueryParam} parameters of one
 * endpoint's methods, bound once per session when the upgrade request arrives: each value is
 * converted then, so that a bad one is answered with 400 before any session exists, and a
 * method call only reads what was bound.
 */
final class EndpointParameters implements WsUpgradeCheck {

	/** The session attribute holding the bound values, by slot. */
	static final String ATTRIBUTE = EndpointParameters.class.getName();

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final PathTemplate template;

	private final ConversionService conversionService;

	private final List<Binding> bindings = new ArrayList<>();

	EndpointParameters(PathTemplate template, ConversionService conversionService) {
		this.template = template;
		this.conversionService = conversionService;
	}

	private enum Source {

		PATH, QUERY

	}

	/**
	 * How one parameter is bound.
	 * @param type the type to convert to: the element type of a list, the content of an Optional
	 */
	private record Binding(Source source, String name, TypeDescriptor type, boolean required,
			@Nullable String defaultValue, boolean optional, boolean list) {
	}

	/**
	 * Registers an annotated parameter and returns the slot of its value; parameters bound
	 * alike share one.
	 * @throws IllegalArgumentException with the reason, for a parameter that cannot be bound
	 */
	int register(MethodParameter parameter) {
		Binding binding = bindingOf(parameter);
		int existing = this.bindings.indexOf(binding);
		if (existing >= 0) {
			return existing;
		}
		this.bindings.add(binding);
		return this.bindings.size() - 1;
	}

	private Binding bindingOf(MethodParameter parameter) {
		PathParam path = annotation(parameter, PathParam.class);
		boolean optional = parameter.getParameterType() == Optional.class;
		MethodParameter target = optional ? parameter.nestedIfOptional() : parameter;
		if (path != null) {
			String name = nameOf(path.name(), parameter);
			if (!this.template.variableNames().contains(name)) {
				throw new IllegalArgumentException("@PathParam '" + name + "' is not a variable of the path '"
						+ this.template + "'; its variables are " + this.template.variableNames());
			}
			return new Binding(Source.PATH, name, convertible(new TypeDescriptor(target)), true, null, optional,
					false);
		}
		QueryParam query = Objects.requireNonNull(annotation(parameter, QueryParam.class));
		String name = nameOf(query.name(), parameter);
		boolean list = List.class.isAssignableFrom(target.getParameterType());
		TypeDescriptor type = list ? new TypeDescriptor(target).getElementTypeDescriptor() : new TypeDescriptor(target);
		if (type == null) {
			type = STRING;
		}
		convertible(type);
		String defaultValue = QueryParam.NO_DEFAULT.equals(query.defaultValue()) ? null : query.defaultValue();
		boolean required = query.required() && defaultValue == null && !optional;
		if (!required && defaultValue == null && !optional && !list && target.getParameterType().isPrimitive()) {
			throw new IllegalArgumentException("@QueryParam '" + name + "' is optional but of primitive type "
					+ target.getParameterType() + "; give it a defaultValue or a wrapper type");
		}
		return new Binding(Source.QUERY, name, type, required, defaultValue, optional, list);
	}

	/**
	 * The annotation with its aliases resolved, so that {@code @PathParam("room")} names the
	 * variable as {@code @PathParam(name = "room")} does.
	 */
	private static <A extends Annotation> @Nullable A annotation(MethodParameter parameter, Class<A> type) {
		A annotation = parameter.getParameterAnnotation(type);
		return (annotation != null) ? AnnotationUtils.synthesizeAnnotation(annotation, parameter.getParameter())
				: null;
	}

	/** A type values are converted to: one the conversion service reads from text, checked at start. */
	private TypeDescriptor convertible(TypeDescriptor type) {
		if (!this.conversionService.canConvert(STRING, type)) {
			throw new IllegalArgumentException("no converter reads a " + type.getType().getName() + " from text");
		}
		return type;
	}

	private static String nameOf(String declared, MethodParameter parameter) {
		if (!declared.isEmpty()) {
			return declared;
		}
		String name = parameter.getParameterName();
		if (name == null) {
			throw new IllegalArgumentException("The parameter's name is not known; name it in the annotation, "
					+ "or compile with -parameters");
		}
		return name;
	}

	boolean isEmpty() {
		return this.bindings.isEmpty();
	}

	/** Binds every registered parameter for a new session, or refuses the upgrade with 400. */
	@Override
	public void check(WsUpgrade upgrade) {
		Object[] values = new Object[this.bindings.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = bind(this.bindings.get(i), upgrade);
		}
		upgrade.attributes().put(ATTRIBUTE, values);
	}

	/** The value bound for the session in {@code slot}. */
	static @Nullable Object value(WsSession session, int slot) {
		Object[] values = (Object[]) session.attributes().get(ATTRIBUTE);
		return (values != null) ? values[slot] : null;
	}

	private @Nullable Object bind(Binding binding, WsUpgrade upgrade) {
		if (binding.source() == Source.PATH) {
			Object value = convert(binding, upgrade.pathVariables().get(binding.name()));
			return binding.optional() ? Optional.ofNullable(value) : value;
		}
		List<String> raw = upgrade.queryParameters().all(binding.name());
		if (binding.defaultValue() != null && (raw.isEmpty() || (raw.size() == 1 && raw.get(0).isEmpty()))) {
			// As Spring MVC's @RequestParam does: an empty value (?limit=) takes the default too.
			raw = List.of(binding.defaultValue());
		}
		if (raw.isEmpty()) {
			if (binding.required()) {
				throw new HandshakeException(400, "Missing query parameter '" + binding.name() + "'");
			}
			return binding.list() ? List.of() : binding.optional() ? Optional.empty() : null;
		}
		if (binding.list()) {
			List<@Nullable Object> converted = new ArrayList<>(raw.size());
			for (String value : raw) {
				converted.add(convert(binding, value));
			}
			return converted;
		}
		Object value = convert(binding, raw.get(0));
		return binding.optional() ? Optional.ofNullable(value) : value;
	}

	private @Nullable Object convert(Binding binding, @Nullable String raw) {
		String what = (binding.source() == Source.PATH) ? "path variable" : "query parameter";
		Object value;
		try {
			value = this.conversionService.convert(raw, STRING, binding.type());
		}
		catch (ConversionException ex) {
			if (raw == null || raw.isEmpty()) {
				throw missingValue(what, binding);
			}
			throw new HandshakeException(400, "Invalid " + what + " '" + binding.name() + "': '" + raw + "' is not a "
					+ binding.type().getType().getSimpleName());
		}
		// Spring's converters read an empty value (?id=) as null: no value, for a parameter that needs one.
		if (value == null && binding.required() && !binding.optional()) {
			throw missingValue(what, binding);
		}
		return value;
	}

	private static HandshakeException missingValue(String what, Binding binding) {
		return new HandshakeException(400, "Missing value of " + what + " '" + binding.name() + "'");
	}

}
