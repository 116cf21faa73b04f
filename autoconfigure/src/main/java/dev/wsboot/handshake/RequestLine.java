package dev.wsboot.handshake;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The first line of a request, {@code method SP request-target SP HTTP-version} (RFC 9112 §3),
 * with the target split into path and query.
 */
record RequestLine(String method, String target, String path, @Nullable String query, String httpVersion) {

	/** {@code HTTP/x.y}: RFC 9112 §2.3 allows exactly one digit on each side of the dot. */
	private static final int HTTP_VERSION_LENGTH = 8;

	/**
	 * Parses {@code length} bytes of {@code line}, without the line ending.
	 * @throws HandshakeException (400) if the line does not follow the grammar
	 */
	static RequestLine parse(byte[] line, int length) {
		int firstSpace = indexOf(line, ' ', 0, length);
		int secondSpace = indexOf(line, ' ', firstSpace + 1, length);
		// RFC 9112 §3: the three parts are separated by single spaces, so any other space,
		// or a part missing, makes the line invalid.
		if (firstSpace <= 0 || secondSpace < 0 || secondSpace == firstSpace + 1
				|| indexOf(line, ' ', secondSpace + 1, length) >= 0) {
			throw HandshakeException.badRequest("Malformed request line");
		}
		for (int i = 0; i < firstSpace; i++) {
			if (!HttpChars.isTokenChar(line[i])) {
				throw HandshakeException.badRequest("Malformed request method");
			}
		}
		for (int i = firstSpace + 1; i < secondSpace; i++) {
			// RFC 3986 leaves only visible ASCII in a URI, and RFC 6455 §3 forbids fragments.
			if (line[i] < 0x21 || line[i] > 0x7E || line[i] == '#') {
				throw HandshakeException.badRequest("Malformed request target");
			}
		}
		String method = ascii(line, 0, firstSpace);
		String target = ascii(line, firstSpace + 1, secondSpace);
		String httpVersion = ascii(line, secondSpace + 1, length);
		if (!isHttpVersion(httpVersion)) {
			throw HandshakeException.badRequest("Malformed HTTP version");
		}
		String pathAndQuery = target.startsWith("/") ? target : pathOfAbsoluteForm(target);
		int question = pathAndQuery.indexOf('?');
		if (question < 0) {
			return new RequestLine(method, target, pathAndQuery, null, httpVersion);
		}
		return new RequestLine(method, target, pathAndQuery.substring(0, question),
				pathAndQuery.substring(question + 1), httpVersion);
	}

	/**
	 * Returns the path and query of an absolute-form target such as {@code http://host/chat}:
	 * "a server MUST accept the absolute-form in requests" (RFC 9112 §3.2.2).
	 */
	private static String pathOfAbsoluteForm(String target) {
		int schemeEnd = target.indexOf("://");
		if (schemeEnd <= 0 || !isScheme(target.substring(0, schemeEnd))) {
			// Asterisk-form and authority-form belong to OPTIONS and CONNECT, not to an upgrade.
			throw HandshakeException.badRequest("Request target is neither a path nor an absolute URI");
		}
		int authorityStart = schemeEnd + 3;
		int pathStart = authorityStart;
		while (pathStart < target.length() && target.charAt(pathStart) != '/' && target.charAt(pathStart) != '?') {
			pathStart++;
		}
		if (pathStart == authorityStart) {
			// RFC 9110 §4.2.1: an http URI with an empty host "MUST" be rejected as invalid.
			throw HandshakeException.badRequest("Request target has no host");
		}
		String rest = target.substring(pathStart);
		// RFC 9112 §3.2.1: an empty path stands for "/".
		return rest.startsWith("/") ? rest : "/" + rest;
	}

	/** {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}, RFC 3986 §3.1. */
	private static boolean isScheme(String scheme) {
		for (int i = 0; i < scheme.length(); i++) {
			char c = scheme.charAt(i);
			boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code version} is {@code HTTP/x.y} with one digit each side. */
	static boolean isHttpVersion(String version) {
		return version.length() == HTTP_VERSION_LENGTH && version.startsWith("HTTP/")
				&& isDigit(version.charAt(5)) && version.charAt(6) == '.' && isDigit(version.charAt(7));
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int indexOf(byte[] bytes, char c, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] == c) {
				return i;
			}
		}
		return -1;
	}

	private static String ascii(byte[] bytes, int from, int to) {
		return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
	}

}
