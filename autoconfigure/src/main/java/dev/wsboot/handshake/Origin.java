package dev.wsboot.handshake;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A web origin as RFC 6454 §6.2 serializes it, {@code scheme "://" host [":" port]},
 * normalized so that equal origins are equal records: scheme and host in lower case, a
 * trailing {@code /} dropped, and the default port of {@code http} (80) and {@code https}
 * (443) left out.
 *
 * @param scheme the scheme, lower case
 * @param host the host, lower case, {@code [::1]} for an IPv6 literal
 * @param port the port, or {@link Authority#NO_PORT} for the scheme's default
 */
record Origin(String scheme, String host, int port) {

	private static final String SEPARATOR = "://";

	/**
	 * Returns the origin {@code text} spells, or {@code null} if it is none: {@code null}
	 * itself (RFC 6454 §7.1, a privacy-sensitive or opaque origin), a URL with a path, user
	 * info or query, or a host that is not ASCII.
	 */
	static @Nullable Origin parse(String text) {
		int separator = text.indexOf(SEPARATOR);
		if (separator <= 0 || !isScheme(text, separator)) {
			return null;
		}
		String rest = text.substring(separator + SEPARATOR.length());
		Authority authority = Authority.parse(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
		if (authority == null) {
			return null;
		}
		String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
		int port = (authority.port() == defaultPort(scheme)) ? Authority.NO_PORT : authority.port();
		return new Origin(scheme, authority.host(), port);
	}

	/** RFC 3986 §3.1: {@code scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )}. */
	private static boolean isScheme(String text, int to) {
		for (int i = 0; i < to; i++) {
			char c = text.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
				return false;
			}
		}
		return true;
	}

	private static int defaultPort(String scheme) {
		return switch (scheme) {
			case "http" -> 80;
			case "https" -> 443;
			default -> Authority.NO_PORT;
		};
	}

	@Override
	public String toString() {
		return this.scheme + SEPARATOR + this.host + ((this.port != Authority.NO_PORT) ? ":" + this.port : "");
	}

}
