package dev.wsboot.protocol;

/**
 * Writes server frames: unmasked (RFC 6455 §5.1: "A server MUST NOT mask any frames"),
 * with the shortest length form. Stateless and thread-safe.
 */
public interface FrameEncoder {

	/** The header size of an unmasked frame with this payload length: 2, 4 or 10 bytes. */
	int headerLength(long payloadLength);

	/**
	 * Writes the header of an unmasked frame.
	 * @return the number of bytes written, {@link #headerLength(long)}
	 */
	int writeHeader(byte[] dest, int offset, boolean fin, Opcode opcode, long payloadLength);

	/** A whole frame, header and payload, in one array. */
	default byte[] encode(boolean fin, Opcode opcode, byte[] payload, int offset, int length) {
		int header = headerLength(length);
		byte[] frame = new byte[header + length];
		writeHeader(frame, 0, fin, opcode, length);
		System.arraycopy(payload, offset, frame, header, length);
		return frame;
	}

	/** A whole, final frame. */
	default byte[] encode(Opcode opcode, byte[] payload) {
		return encode(true, opcode, payload, 0, payload.length);
	}

}
