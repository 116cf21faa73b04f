package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which web pages may open connections: those served from the server's own host (on any
 * port), those of listed origins, those of subdomains of listed domains, or, only when asked
 * for with {@code *}, any.
 */
final class AllowedOrigins {

	static final AllowedOrigins SAME_HOST = new AllowedOrigins(false, Set.of(), List.of());

	static final AllowedOrigins ANY = new AllowedOrigins(true, Set.of(), List.of());

	private static final String ANY_ORIGIN = "*";

	private static final String SUBDOMAINS = "*.";

	private final boolean any;

	private final Set<Origin> origins;

	/** Patterns for subdomains, each with the host its subdomains end in, dot included. */
	private final List<Origin> subdomainPatterns;

	private AllowedOrigins(boolean any, Set<Origin> origins, List<Origin> subdomainPatterns) {
		this.any = any;
		this.origins = origins;
		this.subdomainPatterns = subdomainPatterns;
	}

	/**
	 * Parses entries such as {@code https://example.com}, {@code https://*.example.com} (any
	 * subdomain, at any depth, not the domain itself) and {@code *} (any origin).
	 * @throws IllegalArgumentException for {@code null} or an entry that is not an origin
	 */
	static AllowedOrigins of(List<String> entries) {
		Set<Origin> origins = new HashSet<>();
		List<Origin> subdomainPatterns = new ArrayList<>();
		boolean any = false;
		for (String entry : entries) {
			String trimmed = entry.strip();
			if (trimmed.equals(ANY_ORIGIN)) {
				any = true;
			}
			else if (trimmed.equalsIgnoreCase("null")) {
				throw new IllegalArgumentException("'null' cannot be an allowed origin: browsers send 'Origin: null'"
						+ " from sandboxed iframes and data: URLs, which any site can make, so it would let every"
						+ " page in. Use '*' to allow any origin deliberately.");
			}
			else {
				int wildcard = trimmed.indexOf("://" + SUBDOMAINS);
				if (wildcard > 0) {
					Origin domain = parseEntry(trimmed, trimmed.substring(0, wildcard + 3)
							+ trimmed.substring(wildcard + 3 + SUBDOMAINS.length()));
					subdomainPatterns.add(new Origin(domain.scheme(), "." + domain.host(), domain.port()));
				}
				else {
					origins.add(parseEntry(trimmed, trimmed));
				}
			}
		}
		return any ? ANY : new AllowedOrigins(false, Set.copyOf(origins), List.copyOf(subdomainPatterns));
	}

	private static Origin parseEntry(String entry, String origin) {
		Origin parsed = Origin.parse(origin);
		boolean pattern = !entry.equals(origin);
		if (parsed == null || parsed.host().indexOf('*') >= 0 || (pattern && parsed.host().startsWith("["))) {
			throw new IllegalArgumentException("'" + entry + "' is not an allowed origin: write scheme://host[:port]"
					+ " without a path, such as 'https://example.com' (internationalized domain names in their"
					+ " ASCII form, 'xn--'), 'https://*.example.com' for its subdomains, or '*' for any origin.");
		}
		return parsed;
	}

	/** Whether this allows every origin, including {@code null}. */
	boolean allowsAny() {
		return this.any;
	}

	/**
	 * Whether a request with {@code Origin: origin} to {@code host} is allowed. An origin
	 * that does not parse, {@code null} among them, is allowed only by {@code *}.
	 */
	boolean allows(String origin, Authority host) {
		if (this.any) {
			return true;
		}
		Origin parsed = Origin.parse(origin);
		if (parsed == null) {
			return false;
		}
		// The port is left out: the page usually comes from the application's HTTP port, and
		// cookies, which are what a foreign page could abuse, are not kept per port anyway.
		if (parsed.host().equals(host.host()) || this.origins.contains(parsed)) {
			return true;
		}
		for (Origin pattern : this.subdomainPatterns) {
			if (parsed.scheme().equals(pattern.scheme()) && parsed.port() == pattern.port()
					&& parsed.host().endsWith(pattern.host()) && parsed.host().length() > pattern.host().length()) {
				return true;
			}
		}
		return false;
	}

}
