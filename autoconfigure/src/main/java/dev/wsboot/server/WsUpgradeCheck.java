package dev.wsboot.server;

/**
 * What a route checks of an upgrade request beyond the protocol, before the server accepts
 * it: the parameters its endpoint declares, for example. It may refuse the upgrade with an
 * HTTP status, and may leave attributes for the session. Runs on the I/O thread that read
 * the request, so it must not block.
 */
@FunctionalInterface
public interface WsUpgradeCheck {

	/** Checks nothing. */
	WsUpgradeCheck NONE = (upgrade) -> {
	};

	/**
	 * Checks the upgrade request.
	 * @throws dev.wsboot.handshake.HandshakeException to refuse it, with its status (400 for
	 * a missing or malformed parameter)
	 */
	void check(WsUpgrade upgrade);

}
