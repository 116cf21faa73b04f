package dev.wsboot.handshake;

import java.util.List;

import dev.wsboot.protocol.extension.ExtensionAgreement;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link HandshakeHandler}: checks a request against the server's side of RFC 6455
 * §4.2, checks the {@code Origin} of browsers, selects a subprotocol and accepts.
 *
 * <p>Each failed check has its own answer: 405 with {@code Allow: GET} for another method, 404
 * where no endpoint is, 426 with {@code Upgrade: websocket} for a plain HTTP request (such as a
 * browser opening the URL), 426 with {@code Sec-WebSocket-Version: 13} for another protocol
 * version, 403 for a refused origin and 400 for anything else malformed.
 *
 * <p>Origins: a browser sends the origin of the page that opens the connection, and sends
 * the user's cookies for the server's host whichever page that is, so a foreign page could act
 * as the user (cross-site WebSocket hijacking, RFC 6455 §10.2). A request with an
 * {@code Origin} is therefore accepted only from a page of the host the request is addressed
 * to ({@code Host}), on any port, or from an origin allowed explicitly. Clients other than
 * browsers send no {@code Origin} and are accepted.
 */
public class Rfc6455HandshakeHandler implements HandshakeHandler {

	private static final String PLAIN_HTTP_MESSAGE =
			"This is a WebSocket endpoint; connect with a WebSocket client (RFC 6455).";

	private final AllowedOrigins allowedOrigins;

	/**
	 * Creates a handler that accepts browsers only on pages of the host they connect to, on
	 * any port: a page from {@code http://localhost:8080} may connect to
	 * {@code ws://localhost:8081}, one from any other host may not.
	 */
	public Rfc6455HandshakeHandler() {
		this(AllowedOrigins.SAME_HOST);
	}

	/**
	 * Creates a handler that accepts browsers on pages of the host they connect to and on
	 * pages of {@code allowedOrigins}. Entries are compared with the {@code Origin} sent after
	 * both are normalized: scheme and host in lower case, without a trailing slash, and
	 * without port 80 for http or 443 for https.
	 * @param allowedOrigins origins such as {@code https://example.com}; an entry such as
	 * {@code https://*.example.com} allows the subdomains of {@code example.com} (not the
	 * domain itself), and {@code *} allows any origin, as {@link #allowingAnyOrigin()} does
	 * @throws IllegalArgumentException if an entry is not an origin, or is {@code null}
	 * (which browsers send from sandboxed iframes and {@code data:} URLs, that is, from any
	 * page that wants to)
	 */
	public Rfc6455HandshakeHandler(List<String> allowedOrigins) {
		this(AllowedOrigins.of(allowedOrigins));
	}

	private Rfc6455HandshakeHandler(AllowedOrigins allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	/**
	 * Returns a handler that accepts any origin, {@code null} included: any web page may
	 * then connect with its visitors' cookies, so use it only for servers that do not
	 * authenticate with cookies or that check something a foreign page cannot send.
	 */
	public static Rfc6455HandshakeHandler allowingAnyOrigin() {
		return new Rfc6455HandshakeHandler(AllowedOrigins.ANY);
	}

	/** Whether this handler accepts requests from any origin. */
	public boolean allowsAnyOrigin() {
		return this.allowedOrigins.allowsAny();
	}

	@Override
	public HandshakeResponse handshake(HandshakeRequest request, @Nullable UpgradeTarget target) {
		HttpHeaders headers = request.headers();
		// RFC 6455 §4.1: "The method of the request MUST be GET"; RFC 9110 §15.5.6: a 405
		// response MUST carry an Allow header.
		if (!"GET".equals(request.method())) {
			return HandshakeResponse.reject(405, "A WebSocket handshake must use GET").withHeader("Allow", "GET");
		}
		// RFC 6455 §4.2.1 item 1: "An HTTP/1.1 or higher GET request".
		if (!isHttp11OrLater(request.httpVersion())) {
			return badRequest("A WebSocket handshake needs HTTP/1.1 or later");
		}
		// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
		// HTTP/1.1 request message that lacks a Host header field and to any request message
		// that contains more than one Host header field line or a Host header field with an
		// invalid field value."
		List<String> hosts = headers.all("Host");
		if (hosts.size() != 1) {
			return badRequest("A request needs exactly one Host header");
		}
		Authority host = Authority.parse(hosts.get(0));
		if (host == null) {
			return badRequest("The Host header is empty or not a host with an optional port");
		}
		if (target == null) {
			return HandshakeResponse.reject(404, "No WebSocket endpoint at " + request.path());
		}
		if (!headers.contains("Upgrade") && !headers.contains("Sec-WebSocket-Key")) {
			return upgradeRequired(PLAIN_HTTP_MESSAGE);
		}
		// RFC 6455 §4.2.1 items 3 and 4: an Upgrade header containing "websocket" and a
		// Connection header containing "Upgrade", both ASCII case-insensitive.
		if (!headers.containsToken("Upgrade", "websocket")) {
			return badRequest("The Upgrade header does not name websocket");
		}
		if (!headers.containsToken("Connection", "upgrade")) {
			return badRequest("The Connection header does not contain upgrade");
		}
		// RFC 6455 §4.2.2 item 4: for a version it does not understand, the server MUST send
		// "an appropriate HTTP error code (such as 426 Upgrade Required) and a
		// |Sec-WebSocket-Version| header field indicating the version(s)" it understands.
		List<String> versions = headers.all("Sec-WebSocket-Version");
		if (versions.size() != 1 || !versions.get(0).equals("13")) {
			return upgradeRequired("Unsupported WebSocket version; this server speaks version 13")
					.withHeader("Sec-WebSocket-Version", "13");
		}
		// RFC 6455 §4.2.1 item 5: a |Sec-WebSocket-Key| that "when decoded, is 16 bytes".
		List<String> keys = headers.all("Sec-WebSocket-Key");
		if (keys.size() != 1 || !AcceptKey.isValidKey(keys.get(0))) {
			return badRequest("The Sec-WebSocket-Key header is missing, repeated or not 16 bytes in base64");
		}
		// RFC 6455 §10.2: "If the origin indicated is unacceptable to the server, then it
		// SHOULD respond to the WebSocket handshake with a reply containing HTTP 403 Forbidden".
		if (!isAllowedOrigin(headers.all("Origin"), host)) {
			return HandshakeResponse.reject(403, "Origin not allowed");
		}
		List<ExtensionAgreement> extensions;
		try {
			extensions = ExtensionNegotiation.negotiate(headers, target.extensions());
		}
		catch (HandshakeException ex) {
			return ex.toResponse();
		}
		return HandshakeResponse.accept(keys.get(0), selectSubprotocol(headers, target)).withExtensions(extensions);
	}

	/** RFC 6455 §4.2.1 item 1 asks for HTTP/1.1 "or higher", so HTTP/1.0 and 0.9 are refused. */
	private static boolean isHttp11OrLater(String version) {
		if (!RequestLine.isHttpVersion(version)) {
			return false;
		}
		char major = version.charAt(5);
		char minor = version.charAt(7);
		return major > '1' || (major == '1' && minor >= '1');
	}

	/** Clients that are not browsers send no origin, so a request without one passes. */
	private boolean isAllowedOrigin(List<String> origins, Authority host) {
		for (String origin : origins) {
			if (!this.allowedOrigins.allows(origin, host)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the first of the endpoint's subprotocols that the client offered, or
	 * {@code null}: RFC 6455 §4.2.2 lets the server leave the header out when it selects none.
	 * Names are compared exactly because the client fails the connection unless the reply is
	 * one of the values it sent (§4.1).
	 */
	private static @Nullable String selectSubprotocol(HttpHeaders headers, UpgradeTarget target) {
		List<String> offered = headers.tokens("Sec-WebSocket-Protocol");
		for (String supported : target.subprotocols()) {
			if (offered.contains(supported)) {
				return supported;
			}
		}
		return null;
	}

	private static HandshakeResponse badRequest(String message) {
		return HandshakeResponse.reject(400, message);
	}

	/**
	 * A 426 naming websocket, as RFC 9110 §15.5.22 has a 426 carry Upgrade, and §7.8 has a
	 * sender of Upgrade also send the "upgrade" connection option.
	 */
	private static HandshakeResponse upgradeRequired(String message) {
		return HandshakeResponse.reject(426, message).withHeader("Upgrade", "websocket")
				.withHeader("Connection", "Upgrade");
	}

}
