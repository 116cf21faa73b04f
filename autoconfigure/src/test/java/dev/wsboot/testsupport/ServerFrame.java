package dev.wsboot.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A frame the server sent, as {@link RawWsClient} read it after checking everything RFC 6455
 * forbids a server to send (see {@link ServerFrameReader}).
 *
 * @param fin whether the FIN bit was set
 * @param opcode the four opcode bits, one of the constants of {@link ClientFrame}
 * @param payload the payload
 */
public record ServerFrame(boolean fin, int opcode, byte[] payload) {

	public boolean isClose() {
		return this.opcode == ClientFrame.CLOSE;
	}

	public boolean isPing() {
		return this.opcode == ClientFrame.PING;
	}

	/** The status code of a close frame, or -1 when its payload is empty. */
	public int closeCode() {
		return (this.payload.length < 2) ? -1 : ((this.payload[0] & 0xFF) << 8) | (this.payload[1] & 0xFF);
	}

	/** The reason of a close frame, empty when there is none. */
	public String closeReason() {
		return (this.payload.length <= 2) ? ""
				: new String(this.payload, 2, this.payload.length - 2, StandardCharsets.UTF_8);
	}

	/** The payload read as UTF-8. */
	public String text() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/** Shows short payloads as text and hex, so that a failure message shows what came. */
	@Override
	public String toString() {
		String name = switch (this.opcode) {
			case ClientFrame.CONTINUATION -> "continuation";
			case ClientFrame.TEXT -> "text";
			case ClientFrame.BINARY -> "binary";
			case ClientFrame.CLOSE -> "close " + closeCode();
			case ClientFrame.PING -> "ping";
			case ClientFrame.PONG -> "pong";
			default -> "opcode 0x" + Integer.toHexString(this.opcode);
		};
		String shown = "";
		if (this.payload.length <= 64) {
			shown = (this.opcode == ClientFrame.BINARY) ? " [" + HexFormat.ofDelimiter(" ").formatHex(this.payload) + "]"
					: " \"" + ((this.opcode == ClientFrame.CLOSE) ? closeReason() : text()) + "\"";
		}
		return "ServerFrame[" + name + (this.fin ? "" : ", not final") + ", " + this.payload.length + " bytes" + shown
				+ "]";
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ServerFrame that && this.fin == that.fin && this.opcode == that.opcode
				&& Arrays.equals(this.payload, that.payload);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * Boolean.hashCode(this.fin) + this.opcode) + Arrays.hashCode(this.payload);
	}

}
