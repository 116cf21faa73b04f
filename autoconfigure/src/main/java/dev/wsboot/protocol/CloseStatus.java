package dev.wsboot.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A close status: the code and UTF-8 reason of a close frame (RFC 6455 §5.5.1), or one of
 * the codes that stand for "no frame" ({@link CloseCodes#NO_STATUS}, {@link CloseCodes#ABNORMAL}).
 *
 * @param code the status code
 * @param reason the reason, empty when none; at most 123 UTF-8 bytes when sent
 */
public record CloseStatus(int code, String reason) {

	/** A control frame payload is at most 125 bytes, two of which hold the code. */
	public static final int MAX_REASON_BYTES = 123;

	/** 1000, no reason. */
	public static final CloseStatus NORMAL = new CloseStatus(CloseCodes.NORMAL, "");

	/** 1001, sent to every session when the server shuts down. */
	public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "");

	/** 1005: the peer's close frame had no status code. */
	public static final CloseStatus NO_STATUS = new CloseStatus(CloseCodes.NO_STATUS, "");

	/** 1006: the connection ended without a close frame. */
	public static final CloseStatus ABNORMAL = new CloseStatus(CloseCodes.ABNORMAL, "");

	/** 1011, with no detail on the wire: what went wrong stays in the server's log. */
	public static final CloseStatus INTERNAL_ERROR = new CloseStatus(CloseCodes.INTERNAL_ERROR, "");

	public CloseStatus {
		if (code < 0 || code > 0xFFFF) {
			throw new IllegalArgumentException("Close code out of range: " + code);
		}
		if (reason == null) {
			reason = "";
		}
	}

	/** A status with a code and no reason. */
	public static CloseStatus of(int code) {
		return new CloseStatus(code, "");
	}

	/**
	 * Parses the payload of a received close frame.
	 * @throws ProtocolException 1002 for a one-byte payload or a code that may not be sent,
	 * 1007 for a reason that is not UTF-8
	 */
	public static CloseStatus parse(byte[] payload) {
		if (payload.length == 0) {
			return NO_STATUS;
		}
		// RFC 6455 §5.5.1: if there is a body, the first two bytes MUST be the status code.
		if (payload.length == 1) {
			throw ProtocolException.protocolError("Close frame with a one-byte payload");
		}
		int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
		if (!CloseCodes.isSendable(code)) {
			throw ProtocolException.protocolError("Invalid close code " + code);
		}
		Utf8Validator validator = new Utf8Validator();
		if (!validator.validate(payload, 2, payload.length - 2) || !validator.isComplete()) {
			throw ProtocolException.invalidPayload("Close reason is not valid UTF-8");
		}
		String reason = new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
		return new CloseStatus(code, reason);
	}

	/** Whether this status can be put in a close frame as it is. */
	public boolean isSendable() {
		return CloseCodes.isSendable(this.code);
	}

	/**
	 * The close frame payload for this status: the code in network byte order and the
	 * reason, cut at a character boundary to fit 123 bytes. A status that may not be sent
	 * ({@code 1005}, {@code 1006}, ...) gives an empty payload.
	 */
	public byte[] toPayload() {
		if (!isSendable()) {
			return new byte[0];
		}
		byte[] reasonBytes = truncateReason(this.reason).getBytes(StandardCharsets.UTF_8);
		byte[] payload = new byte[2 + reasonBytes.length];
		payload[0] = (byte) (this.code >>> 8);
		payload[1] = (byte) this.code;
		System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
		return payload;
	}

	/** Cuts a reason to at most {@value #MAX_REASON_BYTES} UTF-8 bytes without splitting a character. */
	static String truncateReason(String reason) {
		if (reason == null) {
			return "";
		}
		int bytes = 0;
		for (int i = 0; i < reason.length(); i++) {
			char c = reason.charAt(i);
			int width;
			if (c < 0x80) {
				width = 1;
			}
			else if (c < 0x800) {
				width = 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < reason.length() && Character.isLowSurrogate(reason.charAt(i + 1))) {
				width = 4;
			}
			else {
				width = 3;
			}
			if (bytes + width > MAX_REASON_BYTES) {
				return reason.substring(0, i);
			}
			bytes += width;
			if (width == 4) {
				i++;
			}
		}
		return reason;
	}

}
