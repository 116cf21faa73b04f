package dev.wsboot.server.forwarded;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

/**
 * Reads IP address literals, never a host name: what a header says must not make the
 * server ask DNS, which {@link InetAddress#getByName} does for anything it cannot read as a
 * literal.
 */
final class IpLiteral {

	private IpLiteral() {
	}

	/**
	 * The address of an IPv4 literal ({@code 192.0.2.1}) or an IPv6 one ({@code 2001:db8::1},
	 * with or without brackets, no zone), or {@code null} for anything else.
	 */
	static @Nullable InetAddress parse(String text) {
		String literal = text;
		if (literal.length() > 2 && literal.charAt(0) == '[' && literal.charAt(literal.length() - 1) == ']') {
			literal = literal.substring(1, literal.length() - 1);
		}
		if (literal.isEmpty() || literal.length() > 45) {
			return null;
		}
		return (literal.indexOf(':') >= 0) ? parseIpv6(literal) : parseIpv4(literal);
	}

	private static @Nullable InetAddress parseIpv4(String literal) {
		byte[] bytes = new byte[4];
		int part = 0;
		int value = -1;
		for (int i = 0; i <= literal.length(); i++) {
			char c = (i < literal.length()) ? literal.charAt(i) : '.';
			if (c == '.') {
				if (value < 0 || part > 3) {
					return null;
				}
				bytes[part++] = (byte) value;
				value = -1;
			}
			else if (c >= '0' && c <= '9') {
				value = (value < 0) ? c - '0' : value * 10 + (c - '0');
				if (value > 255) {
					return null;
				}
			}
			else {
				return null;
			}
		}
		return (part == 4) ? byAddress(bytes) : null;
	}

	private static @Nullable InetAddress parseIpv6(String literal) {
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
				return null;
			}
		}
		try {
			// In brackets, the JDK reads the text as an IPv6 literal or fails: no lookup.
			return InetAddress.getByName("[" + literal + "]");
		}
		catch (UnknownHostException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable InetAddress byAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
