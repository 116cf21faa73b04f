package dev.wsboot.server.forwarded;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * One hop a forwarding header names, nearest the client first in a header's list: its
 * address when the header gives one ({@code unknown} and obfuscated names give none), and
 * the scheme the request arrived with there, when said.
 */
record Hop(@Nullable InetSocketAddress address, @Nullable String scheme) {

	/**
	 * Reads a node: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]},
	 * {@code [2001:db8::1]:4711}, or a bare IPv6 address as some proxies write them in
	 * {@code X-Forwarded-For}; {@code null} for anything else.
	 */
	static @Nullable InetSocketAddress node(String text) {
		String node = text.strip();
		if (node.isEmpty()) {
			return null;
		}
		String host = node;
		int port = 0;
		if (node.charAt(0) == '[') {
			int close = node.indexOf(']');
			if (close < 0) {
				return null;
			}
			host = node.substring(0, close + 1);
			if (close + 1 < node.length()) {
				if (node.charAt(close + 1) != ':') {
					return null;
				}
				port = port(node.substring(close + 2));
			}
		}
		else if (node.indexOf(':') == node.lastIndexOf(':') && node.indexOf(':') > 0) {
			// One colon: an IPv4 address and a port; more would make a bare IPv6 address.
			host = node.substring(0, node.indexOf(':'));
			port = port(node.substring(node.indexOf(':') + 1));
		}
		if (port < 0) {
			return null;
		}
		InetAddress address = IpLiteral.parse(host);
		return (address != null) ? new InetSocketAddress(address, port) : null;
	}

	/** The port, 0 for an obfuscated one ({@code _abc}), -1 for anything else. */
	private static int port(String text) {
		if (text.startsWith("_")) {
			return 0;
		}
		if (text.isEmpty() || text.length() > 5) {
			return -1;
		}
		int port = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			port = port * 10 + (c - '0');
		}
		return (port <= 65535) ? port : -1;
	}

	/**
	 * {@code ws} or {@code wss} for a scheme a proxy names ({@code http}, {@code https}, or
	 * those two); else {@code null}.
	 */
	static @Nullable String scheme(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String scheme = text.strip();
		if (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss")) {
			return "wss";
		}
		if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("ws")) {
			return "ws";
		}
		return null;
	}

}
