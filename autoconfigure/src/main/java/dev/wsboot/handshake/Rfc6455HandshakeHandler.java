package dev.wsboot.handshake;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.wsboot.protocol.extension.ExtensionAgreement;
import org.jspecify.annotations.Nullable;

/**
 * The default {@link HandshakeHandler}: checks a request against the server's side of RFC 6455
 * §4.2, optionally restricts the {@code Origin}, selects a subprotocol and accepts.
 *
 * <p>Each failed check has its own answer: 405 with {@code Allow: GET} for another method, 404
 * where no endpoint is, 426 with {@code Upgrade: websocket} for a plain HTTP request (such as a
 * browser opening the URL), 426 with {@code Sec-WebSocket-Version: 13} for another protocol
 * version, 403 for a refused origin and 400 for anything else malformed.
 */
public class Rfc6455HandshakeHandler implements HandshakeHandler {

	private static final String PLAIN_HTTP_MESSAGE =
			"This is a WebSocket endpoint; connect with a WebSocket client (RFC 6455).";

	/** Allowed origins in lower case; empty when any origin is. */
	private final Set<String> allowedOrigins;

	/** Creates a handler that accepts any origin. */
	public Rfc6455HandshakeHandler() {
		this(List.of());
	}

	/**
	 * Creates a handler that accepts requests whose {@code Origin}, if sent, is in
	 * {@code allowedOrigins}, compared ignoring case.
	 * @param allowedOrigins exact origins such as {@code https://example.com}; {@code *} or an
	 * empty list allows any origin
	 */
	public Rfc6455HandshakeHandler(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins.contains("*") ? Set.of()
				: allowedOrigins.stream()
					.map(origin -> origin.toLowerCase(Locale.ROOT))
					.collect(Collectors.toUnmodifiableSet());
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
		// HTTP/1.1 request message that lacks a Host header field" or has more than one.
		if (headers.all("Host").size() != 1) {
			return badRequest("A request needs exactly one Host header");
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
		if (!isAllowedOrigin(headers.all("Origin"))) {
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

	/**
	 * Origins protect browsers' users from other sites' pages (RFC 6455 §10.2); clients that
	 * are not browsers send none, so a request without one passes.
	 */
	private boolean isAllowedOrigin(List<String> origins) {
		if (this.allowedOrigins.isEmpty()) {
			return true;
		}
		for (String origin : origins) {
			if (!this.allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
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
