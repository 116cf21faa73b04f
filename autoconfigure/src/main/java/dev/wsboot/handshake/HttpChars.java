package dev.wsboot.handshake;

/**
 * Character classes of HTTP/1.1 (RFC 9110 §5.6), shared by the request parser and
 * {@link HttpHeaders}.
 */
final class HttpChars {

	private HttpChars() {
	}

	/**
	 * Whether {@code c} is a {@code tchar}: RFC 9110 §5.6.2 allows only these in a token,
	 * which is what methods and field names are.
	 */
	static boolean isTokenChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	static boolean isToken(String s) {
		if (s.isEmpty()) {
			return false;
		}
		for (int i = 0; i < s.length(); i++) {
			if (!isTokenChar(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code c} may appear in a field value: RFC 9110 §5.5 allows visible characters
	 * ({@code VCHAR}), space, horizontal tab and {@code obs-text} (0x80-0xFF), so no other
	 * control character, nor DEL, nor anything that is not one octet.
	 */
	static boolean isFieldValueChar(int c) {
		return c == '\t' || (c >= ' ' && c < 0x7F) || (c >= 0x80 && c <= 0xFF);
	}

	/** Whether {@code c} is optional whitespace ({@code OWS}, RFC 9110 §5.6.3): space or tab. */
	static boolean isWhitespace(int c) {
		return c == ' ' || c == '\t';
	}

}
