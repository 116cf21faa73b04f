package dev.wsboot.protocol;

import org.jspecify.annotations.Nullable;

/**
 * The frame opcodes of RFC 6455 §5.2; reserved values have no constant and are refused by
 * {@link #fromBits(int)}.
 */
public enum Opcode {

	CONTINUATION(0x0), TEXT(0x1), BINARY(0x2), CLOSE(0x8), PING(0x9), PONG(0xA);

	private static final @Nullable Opcode[] BY_BITS = new Opcode[16];

	static {
		for (Opcode opcode : values()) {
			BY_BITS[opcode.bits] = opcode;
		}
	}

	private final int bits;

	Opcode(int bits) {
		this.bits = bits;
	}

	/** The four-bit value on the wire. */
	public int bits() {
		return this.bits;
	}

	/** Whether this is a control frame opcode (close, ping, pong): RFC 6455 §5.5. */
	public boolean isControl() {
		return this.bits >= 0x8;
	}

	/**
	 * The opcode for the given four bits.
	 * @throws ProtocolException 1002 for a reserved opcode (RFC 6455 §5.2: "If an unknown
	 * opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_")
	 */
	public static Opcode fromBits(int bits) {
		Opcode opcode = BY_BITS[bits & 0xF];
		if (opcode == null) {
			throw ProtocolException.protocolError("Reserved opcode 0x" + Integer.toHexString(bits & 0xF));
		}
		return opcode;
	}

}
