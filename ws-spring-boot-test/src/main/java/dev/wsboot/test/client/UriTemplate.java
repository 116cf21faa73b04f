package dev.wsboot.test.client;

import java.nio.charset.StandardCharsets;

/**
 * Fills the {@code {name}} variables of a request target with values in the order given,
 * each percent-encoded for where it stands: a path segment before the {@code ?}, a query
 * parameter value after it. So {@code "/rooms/{room}?name={name}"} with {@code "a b", "x&y"}
 * gives {@code /rooms/a%20b?name=x%26y}.
 */
final class UriTemplate {

	private UriTemplate() {
	}

	static String expand(String template, Object... values) {
		StringBuilder result = new StringBuilder(template.length() + 16);
		int next = 0;
		int at = 0;
		while (at < template.length()) {
			int open = template.indexOf('{', at);
			if (open < 0) {
				result.append(template, at, template.length());
				break;
			}
			int close = template.indexOf('}', open);
			if (close < 0) {
				throw new IllegalArgumentException("Unclosed variable in " + template);
			}
			result.append(template, at, open);
			if (next >= values.length) {
				throw new IllegalArgumentException("Not enough values for " + template + ": " + values.length);
			}
			boolean query = template.lastIndexOf('?', open) >= 0;
			result.append(encode(String.valueOf(values[next++]), query));
			at = close + 1;
		}
		if (next < values.length) {
			throw new IllegalArgumentException("Too many values for " + template + ": " + values.length);
		}
		return result.toString();
	}

	/** Percent-encodes all but what RFC 3986 allows unencoded in a path segment or a query value. */
	static String encode(String value, boolean queryValue) {
		StringBuilder encoded = new StringBuilder(value.length());
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xFF);
			if (isAllowed(c, queryValue)) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return encoded.toString();
	}

	private static boolean isAllowed(char c, boolean queryValue) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
			return true;
		}
		// A query value keeps '&', '=', '+' and '#' encoded: they would end or change it.
		return queryValue ? "!$'()*,;:@/?".indexOf(c) >= 0 : "!$&'()*+,;=:@".indexOf(c) >= 0;
	}

}
