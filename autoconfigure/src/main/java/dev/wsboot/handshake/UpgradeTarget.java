package dev.wsboot.handshake;

import java.util.List;
import java.util.Objects;

import dev.wsboot.protocol.extension.ExtensionFactory;

/**
 * What the server serves at a requested path, which a {@link HandshakeHandler} weighs the
 * request against.
 *
 * @param path the endpoint's path
 * @param subprotocols the subprotocols the endpoint speaks, most preferred first; empty if none;
 * each must be an HTTP token
 * @param extensions the extensions the server may agree to, see {@link ExtensionNegotiation}
 */
public record UpgradeTarget(String path, List<String> subprotocols, List<ExtensionFactory> extensions) {

	public UpgradeTarget {
		Objects.requireNonNull(path, "path");
		subprotocols = List.copyOf(subprotocols);
		extensions = List.copyOf(extensions);
		for (String subprotocol : subprotocols) {
			// RFC 6455 §4.1: subprotocol names are tokens; checked here to fail at start-up
			// rather than in the middle of a handshake.
			if (!HttpChars.isToken(subprotocol)) {
				throw new IllegalArgumentException("Subprotocol is not a token: '" + subprotocol + "'");
			}
		}
	}

	/** A target with no extension to agree to. */
	public UpgradeTarget(String path, List<String> subprotocols) {
		this(path, subprotocols, List.of());
	}

}
