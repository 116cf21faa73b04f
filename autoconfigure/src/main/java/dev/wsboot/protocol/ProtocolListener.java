package dev.wsboot.protocol;

/**
 * What a {@link ProtocolEngine} reports as it reads a connection: complete messages,
 * control frames, the peer's close and protocol failures. Called on the thread that feeds
 * the engine, during {@link ProtocolEngine#receive}; a listener may call the engine back,
 * to send or to pause the input.
 */
public interface ProtocolListener {

	/**
	 * A complete text message, already checked to be UTF-8.
	 * @param byteLength its payload length in bytes, as received
	 */
	void onText(String text, int byteLength);

	/** A complete binary message. */
	void onBinary(byte[] data);

	/**
	 * A ping, already answered with a pong carrying the same payload (RFC 6455 §5.5.2).
	 */
	default void onPing(byte[] payload) {
	}

	/** A pong, solicited or not (RFC 6455 §5.5.3 allows unsolicited pongs). */
	default void onPong(byte[] payload) {
	}

	/**
	 * The peer's close frame. When the engine had not sent its own close yet, the reply is
	 * sent, or held until {@link ProtocolEngine#releaseHeldClose()} when the engine holds
	 * replies; no more input is processed.
	 */
	void onCloseReceived(CloseStatus status);

	/**
	 * The peer broke the protocol: a close frame with {@link ProtocolException#closeCode()}
	 * is sent (or held, like a close reply), no more input is processed, and the connection
	 * ends once it is written.
	 */
	void onProtocolError(ProtocolException error);

}
