package dev.wsboot.handshake;

import java.util.List;

/**
 * Field values read as comma-separated lists (RFC 9110 §5.6.1), such as {@code Connection}
 * and {@code Sec-WebSocket-Protocol}: elements split on commas, optional whitespace around
 * them ignored, empty ones skipped. Only static methods, for {@link HttpHeaders}.
 */
final class FieldLists {

	private FieldLists() {
	}

	/**
	 * Whether an element of {@code value} equals {@code token} ignoring case; scans the
	 * value in place, as this runs for every upgrade request.
	 */
	static boolean hasElement(String value, String token) {
		int start = 0;
		while (start <= value.length()) {
			int comma = value.indexOf(',', start);
			int end = (comma >= 0) ? comma : value.length();
			while (start < end && HttpChars.isWhitespace(value.charAt(start))) {
				start++;
			}
			int last = end;
			while (last > start && HttpChars.isWhitespace(value.charAt(last - 1))) {
				last--;
			}
			if (last - start == token.length() && value.regionMatches(true, start, token, 0, token.length())) {
				return true;
			}
			start = end + 1;
		}
		return false;
	}

	/** Adds the trimmed, non-empty elements of {@code value} to {@code elements}. */
	static void addElements(String value, List<String> elements) {
		int start = 0;
		while (start <= value.length()) {
			int comma = value.indexOf(',', start);
			int end = (comma >= 0) ? comma : value.length();
			String element = trim(value, start, end);
			if (!element.isEmpty()) {
				elements.add(element);
			}
			start = end + 1;
		}
	}

	private static String trim(String value, int start, int end) {
		while (start < end && HttpChars.isWhitespace(value.charAt(start))) {
			start++;
		}
		while (end > start && HttpChars.isWhitespace(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(start, end);
	}

}
