package dev.wsboot.protocol.extension;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One element of a {@code Sec-WebSocket-Extensions} header (RFC 6455 §9.1): an extension's
 * name and its parameters, in the order sent. A client's offer, or the server's answer in
 * an {@link ExtensionAgreement}.
 *
 * @param name the extension's name, a token
 * @param parameters its parameters in order; a name may repeat, which extensions such as
 * permessage-deflate must be able to see (RFC 7692 §7: a repeated parameter is refused)
 */
public record ExtensionOffer(String name, List<Parameter> parameters) {

	public ExtensionOffer {
		Objects.requireNonNull(name, "name");
		parameters = List.copyOf(parameters);
	}

	/** An offer or answer with parameters given as names, each optionally followed by {@code =value}. */
	public static ExtensionOffer of(String name, String... parameters) {
		return new ExtensionOffer(name, Arrays.stream(parameters).map(Parameter::parse).toList());
	}

	/** Whether a parameter of this name is present, with or without a value. */
	public boolean has(String parameter) {
		return this.parameters.stream().anyMatch((p) -> p.name().equalsIgnoreCase(parameter));
	}

	/** The value of the first parameter of this name, or {@code null} when absent or given without one. */
	public @Nullable String value(String parameter) {
		for (Parameter p : this.parameters) {
			if (p.name().equalsIgnoreCase(parameter)) {
				return p.value();
			}
		}
		return null;
	}

	/** The element as it appears in the header: {@code name; param; param=value}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(this.name);
		for (Parameter parameter : this.parameters) {
			text.append("; ").append(parameter.name());
			if (parameter.value() != null) {
				text.append('=').append(parameter.value());
			}
		}
		return text.toString();
	}

	/**
	 * One extension parameter: a token, optionally with a value (a token once a quoted
	 * string is unquoted, RFC 6455 §9.1).
	 *
	 * @param name the parameter's name
	 * @param value its value, or {@code null} when it has none
	 */
	public record Parameter(String name, @Nullable String value) {

		public Parameter {
			Objects.requireNonNull(name, "name");
		}

		static Parameter parse(String text) {
			int equals = text.indexOf('=');
			return (equals < 0) ? new Parameter(text, null)
					: new Parameter(text.substring(0, equals), text.substring(equals + 1));
		}

	}

}
