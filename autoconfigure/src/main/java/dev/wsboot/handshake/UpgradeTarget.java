package dev.wsboot.handshake;

import java.util.List;
import java.util.Objects;

/**
 * What the server serves at a requested path, which a {@link HandshakeHandler} weighs the
 * request against.
 *
 * @param path the endpoint's path
 * @param subprotocols the subprotocols the endpoint speaks, most preferred first; empty if none;
 * each must be an HTTP token
 */
public record UpgradeTarget(String path, List<String> subprotocols) {

	public UpgradeTarget {
		Objects.requireNonNull(path, "path");
		subprotocols = List.copyOf(subprotocols);
		for (String subprotocol : subprotocols) {
			// RFC 6455 §4.1: subprotocol names are tokens; checked here to fail at start-up
			// rather than in the middle of a handshake.
			if (!HttpChars.isToken(subprotocol)) {
				throw new IllegalArgumentException("Subprotocol is not a token: '" + subprotocol + "'");
			}
		}
	}

}
