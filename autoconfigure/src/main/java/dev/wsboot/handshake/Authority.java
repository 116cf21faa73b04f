package dev.wsboot.handshake;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The {@code host [":" port]} of RFC 3986 §3.2.2 and §3.2.3, as a {@code Host} header and an
 * origin carry it, with the host in lower case (IPv6 literals keep their brackets) and the
 * port {@link #NO_PORT} when none is given.
 *
 * @param host the host, lower case, {@code [::1]} for an IPv6 literal
 * @param port the port, or {@link #NO_PORT}
 */
record Authority(String host, int port) {

	static final int NO_PORT = -1;

	private static final int INVALID_PORT = -2;

	private static final int MAX_PORT = 65535;

	/** Returns the authority {@code text} spells, or {@code null} if it is none (or has user info). */
	static @Nullable Authority parse(String text) {
		int hostEnd;
		if (text.startsWith("[")) {
			hostEnd = text.indexOf(']') + 1;
			if (hostEnd == 0 || !isIpv6Literal(text, 1, hostEnd - 1)) {
				return null;
			}
		}
		else {
			int colon = text.indexOf(':');
			hostEnd = (colon >= 0) ? colon : text.length();
			// RFC 9110 §4.2.1: an http URI with an empty host is invalid, and so is a Host
			// header naming none.
			if (hostEnd == 0 || !isRegName(text, hostEnd)) {
				return null;
			}
		}
		int port = NO_PORT;
		if (hostEnd < text.length()) {
			if (text.charAt(hostEnd) != ':') {
				return null;
			}
			port = parsePort(text, hostEnd + 1);
			if (port == INVALID_PORT) {
				return null;
			}
		}
		return new Authority(text.substring(0, hostEnd).toLowerCase(Locale.ROOT), port);
	}

	/**
	 * An IPv6 address between brackets, checked for its alphabet only: it is compared as
	 * text, never connected to. The IPvFuture form is not taken, as no client sends it.
	 */
	private static boolean isIpv6Literal(String text, int from, int to) {
		boolean colon = false;
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			colon |= (c == ':');
			if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
				return false;
			}
		}
		return colon;
	}

	/** RFC 3986 §3.2.2: {@code reg-name = *( unreserved / pct-encoded / sub-delims )}, IPv4 included. */
	private static boolean isRegName(String text, int to) {
		for (int i = 0; i < to; i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= to || Character.digit(text.charAt(i + 1), 16) < 0
						|| Character.digit(text.charAt(i + 2), 16) < 0) {
					return false;
				}
				i += 2;
			}
			else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~!$&'()*+,;=".indexOf(c) >= 0)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * RFC 3986 §3.2.3: {@code port = *DIGIT}, where an empty port means none (§6.2.3); returns
	 * {@code NO_PORT} for that and {@code INVALID_PORT} for anything that is not a TCP port.
	 */
	private static int parsePort(String text, int from) {
		if (from == text.length()) {
			return NO_PORT;
		}
		if (text.length() - from > 5) {
			return INVALID_PORT;
		}
		int port = 0;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return INVALID_PORT;
			}
			port = port * 10 + (c - '0');
		}
		return (port <= MAX_PORT) ? port : INVALID_PORT;
	}

}
