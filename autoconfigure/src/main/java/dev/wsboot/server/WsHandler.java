package dev.wsboot.server;

import dev.wsboot.protocol.CloseStatus;

/**
 * What the server calls for the sessions of one route. Calls for one session never overlap
 * and arrive in order: {@link #onOpen} first, {@link #onClose} last and exactly once.
 *
 * <p>An exception thrown by a method is given to {@link #onError}, and the session is then
 * closed with 1011 (internal error); other sessions are not affected. Failures of the
 * connection are not errors of the handler: they end in {@link #onClose}.
 */
public interface WsHandler {

	/** The handshake completed and the session is open. */
	default void onOpen(WsSession session) {
	}

	/** A complete text message arrived. */
	void onText(WsSession session, String text);

	/** A complete binary message arrived. */
	void onBinary(WsSession session, byte[] data);

	/** A pong arrived, for example in answer to {@link WsSession#sendPing(byte[])}. */
	default void onPong(WsSession session, byte[] payload) {
	}

	/**
	 * The session ended: the close handshake completed, or the connection was lost
	 * ({@link dev.wsboot.protocol.CloseCodes#ABNORMAL}), or the server is going away.
	 */
	default void onClose(WsSession session, CloseStatus status) {
	}

	/**
	 * Another method of this handler threw; the session is then closed with 1011. Nothing
	 * else comes here: a lost connection or a peer breaking the protocol ends the session,
	 * and {@link #onClose} reports it with its code (1006, 1002, 1007...).
	 */
	default void onError(WsSession session, Throwable error) {
	}

}
