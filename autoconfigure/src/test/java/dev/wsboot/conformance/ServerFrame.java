package dev.wsboot.conformance;

import java.nio.charset.StandardCharsets;

/**
 * A frame the server sent, as {@link RawWebSocket} read it after checking what RFC 6455
 * demands of a server frame (unmasked, RSV clear, a known opcode, the shortest length form).
 *
 * @param fin whether the FIN bit was set
 * @param opcode the four opcode bits, see the constants of {@link ClientFrame}
 * @param payload the payload
 */
record ServerFrame(boolean fin, int opcode, byte[] payload) {

	/** The status code of a close frame, or -1 when its payload is empty. */
	int closeCode() {
		return (this.payload.length < 2) ? -1 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
	}

	/** The payload read as UTF-8, for messages in assertion failures. */
	String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		String shown = (this.payload.length <= 64) ? " \"" + text() + "\"" : "";
		return "ServerFrame[fin=" + this.fin + ", opcode=0x" + Integer.toHexString(this.opcode) + ", "
				+ this.payload.length + " bytes" + shown + ((this.opcode == ClientFrame.CLOSE) ? ", code=" + closeCode() : "")
				+ "]";
	}

}
