package dev.wsboot.security;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;

/**
 * Where an upgrade request carries its bearer token (RFC 6750): the {@code Authorization}
 * header; for browsers, which cannot set headers on a WebSocket handshake, a subprotocol
 * {@code bearer.<token>} offered next to the endpoint's real subprotocol, which is the one
 * selected, so that the token is never echoed back; and a query parameter only when the
 * application names one, since URLs end up in logs.
 */
final class BearerTokens {

	/** What a subprotocol carrying a token starts with. */
	static final String SUBPROTOCOL_PREFIX = "bearer.";

	private static final String SCHEME = "Bearer";

	private final @Nullable String queryParameter;

	/**
	 * @param queryParameter the query parameter a token may come in, or {@code null} for none
	 */
	BearerTokens(@Nullable String queryParameter) {
		this.queryParameter = (queryParameter != null && !queryParameter.isBlank()) ? queryParameter : null;
	}

	/**
	 * The token the upgrade carries, or {@code null} when it carries none; an
	 * {@code Authorization: Bearer} without a token yields an empty one, which fails
	 * authentication as any invalid token does.
	 * @throws HandshakeException 400 for a token sent more than one way (RFC 6750 §2: "Clients
	 * MUST NOT use more than one method to transmit the token in each request"), and for a
	 * subprotocol token offered without a subprotocol of the endpoint to select instead
	 */
	@Nullable String find(WsUpgrade upgrade) {
		HttpHeaders headers = upgrade.request().headers();
		List<String> found = new ArrayList<>(1);
		for (String authorization : headers.all("Authorization")) {
			if (authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
					&& (authorization.length() == SCHEME.length() || authorization.charAt(SCHEME.length()) == ' ')) {
				found.add(authorization.substring(SCHEME.length()).strip());
			}
		}
		boolean carried = false;
		for (String subprotocol : headers.tokens("Sec-WebSocket-Protocol")) {
			if (subprotocol.startsWith(SUBPROTOCOL_PREFIX)) {
				found.add(subprotocol.substring(SUBPROTOCOL_PREFIX.length()));
				carried = true;
			}
		}
		if (this.queryParameter != null) {
			found.addAll(upgrade.queryParameters().all(this.queryParameter));
		}
		if (found.size() > 1) {
			throw HandshakeException.badRequest("Send one bearer token, one way");
		}
		if (carried && upgrade.subprotocol() == null) {
			// The client must get one of the subprotocols it offered, and never the token.
			throw HandshakeException.badRequest("Offer a subprotocol of the endpoint next to the bearer token");
		}
		return found.isEmpty() ? null : found.get(0);
	}

}
