package dev.wsboot.protocol;

/**
 * A violation of RFC 6455 by the peer, carrying the close code the connection fails with
 * (RFC 6455 §7.1.7, "_Fail the WebSocket Connection_").
 */
public final class ProtocolException extends RuntimeException {

	private final int closeCode;

	private ProtocolException(int closeCode, String message) {
		super(message, null, false, false);
		this.closeCode = closeCode;
	}

	/** 1002: framing, fragmentation or close-frame rules broken. */
	public static ProtocolException protocolError(String message) {
		return new ProtocolException(CloseCodes.PROTOCOL_ERROR, message);
	}

	/** 1007: text that is not UTF-8, or a close reason that is not. */
	public static ProtocolException invalidPayload(String message) {
		return new ProtocolException(CloseCodes.INVALID_PAYLOAD, message);
	}

	/** 1009: a frame or message over the configured limit. */
	public static ProtocolException messageTooBig(String message) {
		return new ProtocolException(CloseCodes.MESSAGE_TOO_BIG, message);
	}

	/** The close code to fail the connection with. */
	public int closeCode() {
		return this.closeCode;
	}

	/** The close status to send: the code and this exception's message as reason, cut to fit. */
	public CloseStatus toCloseStatus() {
		return new CloseStatus(this.closeCode, CloseStatus.truncateReason(getMessage()));
	}

}
