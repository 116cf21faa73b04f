package dev.wsboot.protocol;

/**
 * What a {@link ProtocolSession} reports as it reads a connection: complete messages,
 * control frames, the peer's close and protocol failures. Called on the reading thread.
 */
public interface ProtocolListener {

	/** A complete text message, already checked to be UTF-8. */
	void onText(String text);

	/** A complete binary message. */
	void onBinary(byte[] data);

	/**
	 * A ping, already answered with a pong carrying the same payload unless a close frame
	 * was sent before it arrived.
	 */
	default void onPing(byte[] payload) {
	}

	/** A pong, solicited or not (RFC 6455 §5.5.3 allows unsolicited pongs). */
	default void onPong(byte[] payload) {
	}

	/**
	 * The peer's close frame. When the server had not sent its own close yet, the echo has
	 * already been sent; either way the transport should now close the TCP connection.
	 */
	void onCloseReceived(CloseStatus status);

	/**
	 * The peer broke the protocol; a close frame with {@link ProtocolException#closeCode()}
	 * has been sent and the transport should close the TCP connection once it is written.
	 */
	void onProtocolError(ProtocolException error);

}
