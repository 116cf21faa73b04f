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
	 * @param rsv the reserved bits, RSV1 as {@code 0b100}; set only by negotiated extensions
	 * @return the number of bytes written, {@link #headerLength(long)}
	 */
	int writeHeader(byte[] dest, int offset, boolean fin, int rsv, Opcode opcode, long payloadLength);

	/** Writes the header of an unmasked frame with its reserved bits clear. */
	default int writeHeader(byte[] dest, int offset, boolean fin, Opcode opcode, long payloadLength) {
		return writeHeader(dest, offset, fin, 0, opcode, payloadLength);
	}

	/** A whole frame, header and payload, in one array. */
	default byte[] encode(boolean fin, int rsv, Opcode opcode, byte[] payload, int offset, int length) {
		int header = headerLength(length);
		byte[] frame = new byte[header + length];
		writeHeader(frame, 0, fin, rsv, opcode, length);
		System.arraycopy(payload, offset, frame, header, length);
		return frame;
	}

	/** A whole frame with its reserved bits clear. */
	default byte[] encode(boolean fin, Opcode opcode, byte[] payload, int offset, int length) {
		return encode(fin, 0, opcode, payload, offset, length);
	}

	/** A whole, final frame. */
	default byte[] encode(Opcode opcode, byte[] payload) {
		return encode(true, opcode, payload, 0, payload.length);
	}

}
