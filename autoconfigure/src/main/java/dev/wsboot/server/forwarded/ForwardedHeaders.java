package dev.wsboot.server.forwarded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.wsboot.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Reads the hops a request went through from its forwarding headers: {@code Forwarded}
 * (RFC 7239) when it has one, else {@code X-Forwarded-For} with {@code X-Forwarded-Proto}.
 * Every header line counts, in order, each adding its hops to the list.
 */
final class ForwardedHeaders {

	private ForwardedHeaders() {
	}

	/** The hops, nearest the client first; empty when the request names none. */
	static List<Hop> hops(HttpHeaders headers) {
		List<String> forwarded = headers.all("Forwarded");
		if (!forwarded.isEmpty()) {
			return rfc7239(forwarded);
		}
		List<String> addresses = elements(headers.all("X-Forwarded-For"));
		if (addresses.isEmpty()) {
			return List.of();
		}
		List<String> schemes = elements(headers.all("X-Forwarded-Proto"));
		List<Hop> hops = new ArrayList<>(addresses.size());
		for (int i = 0; i < addresses.size(); i++) {
			// A proto per hop when proxies append to both; one for the request when one set it.
			String scheme = (schemes.size() == addresses.size()) ? schemes.get(i)
					: (schemes.size() == 1) ? schemes.get(0) : null;
			hops.add(new Hop(Hop.node(addresses.get(i)), Hop.scheme(scheme)));
		}
		return hops;
	}

	/** RFC 7239 §4: {@code Forwarded: 1#forwarded-element}, each a list of {@code ;}-separated pairs. */
	private static List<Hop> rfc7239(List<String> lines) {
		List<Hop> hops = new ArrayList<>();
		for (String line : lines) {
			for (String element : split(line, ',')) {
				String node = null;
				String proto = null;
				for (String pair : split(element, ';')) {
					int equals = pair.indexOf('=');
					if (equals <= 0) {
						continue;
					}
					String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
					String value = unquote(pair.substring(equals + 1).strip());
					if (name.equals("for")) {
						node = value;
					}
					else if (name.equals("proto")) {
						proto = value;
					}
				}
				hops.add(new Hop((node != null) ? Hop.node(node) : null, Hop.scheme(proto)));
			}
		}
		return hops;
	}

	/** Splits on {@code separator} outside quoted strings (RFC 9110 §5.6.4), dropping empty parts. */
	private static List<String> split(String text, char separator) {
		List<String> parts = new ArrayList<>();
		boolean quoted = false;
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted && c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == separator && !quoted) {
				add(parts, text.substring(start, i));
				start = i + 1;
			}
		}
		add(parts, text.substring(start));
		return parts;
	}

	private static void add(List<String> parts, String part) {
		if (!part.isBlank()) {
			parts.add(part.strip());
		}
	}

	private static String unquote(String value) {
		if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
			return value;
		}
		StringBuilder unquoted = new StringBuilder(value.length());
		for (int i = 1; i < value.length() - 1; i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length() - 1) {
				c = value.charAt(++i);
			}
			unquoted.append(c);
		}
		return unquoted.toString();
	}

	/** The comma-separated elements of every line of a list header. */
	private static List<String> elements(List<String> lines) {
		List<String> elements = new ArrayList<>();
		for (String line : lines) {
			elements.addAll(split(line, ','));
		}
		return elements;
	}

	static @Nullable Hop last(List<Hop> hops) {
		return hops.isEmpty() ? null : hops.get(hops.size() - 1);
	}

}
