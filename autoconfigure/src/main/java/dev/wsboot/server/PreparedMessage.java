package dev.wsboot.server;

import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.Rfc6455FrameEncoder;

/**
 * A message encoded into its frame once, to be sent to many sessions: each session writes
 * the same read-only bytes, so a broadcast costs no encoding or copy per recipient.
 */
public final class PreparedMessage {

	private final byte[] frame;

	private final boolean text;

	private final int payloadLength;

	private PreparedMessage(Opcode opcode, byte[] payload) {
		this.frame = new Rfc6455FrameEncoder().encode(opcode, payload);
		this.text = opcode == Opcode.TEXT;
		this.payloadLength = payload.length;
	}

	/** A text message. */
	public static PreparedMessage text(CharSequence text) {
		return new PreparedMessage(Opcode.TEXT, text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** A binary message; the array is copied into the frame. */
	public static PreparedMessage binary(byte[] data) {
		return new PreparedMessage(Opcode.BINARY, data);
	}

	/** The whole frame, header and payload; must not be modified. */
	public byte[] frame() {
		return this.frame;
	}

	/** Whether this is a text message. */
	public boolean isText() {
		return this.text;
	}

	/** The length of the payload, without the frame header. */
	public int payloadLength() {
		return this.payloadLength;
	}

}
