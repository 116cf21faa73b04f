package dev.wsboot.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.Rfc6455FrameEncoder;
import dev.wsboot.protocol.Utf8Validator;

/**
 * A message encoded into its frame once, to be sent to many sessions: each session that
 * encodes frames the standard way writes the same read-only bytes, so a broadcast costs no
 * encoding or copy per recipient. A session whose frames are encoded otherwise (a custom
 * frame codec, or an extension such as compression) encodes the payload itself.
 */
public final class PreparedMessage {

	private final boolean text;

	private final byte[] payload;

	private final ByteBuffer frame;

	private PreparedMessage(Opcode opcode, byte[] payload) {
		this.text = opcode == Opcode.TEXT;
		this.payload = payload;
		this.frame = ByteBuffer.wrap(new Rfc6455FrameEncoder().encode(opcode, payload)).asReadOnlyBuffer();
	}

	/** A text message. */
	public static PreparedMessage text(CharSequence text) {
		return new PreparedMessage(Opcode.TEXT, text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A text message from its UTF-8 bytes, as a codec writes them, saving a decode to a
	 * {@code String} and back; the array is taken as it is, not copied.
	 * @throws IllegalArgumentException when the bytes are not valid UTF-8, which no peer
	 * would accept as text
	 */
	public static PreparedMessage textOfUtf8(byte[] utf8) {
		Utf8Validator validator = new Utf8Validator();
		if (!validator.validate(utf8, 0, utf8.length) || !validator.isComplete()) {
			throw new IllegalArgumentException("A text message must be valid UTF-8");
		}
		return new PreparedMessage(Opcode.TEXT, utf8);
	}

	/** A binary message; the array is copied. */
	public static PreparedMessage binary(byte[] data) {
		return new PreparedMessage(Opcode.BINARY, data.clone());
	}

	/** Whether this is a text message. */
	public boolean isText() {
		return this.text;
	}

	/** The length of the payload, without the frame header. */
	public int payloadLength() {
		return this.payload.length;
	}

	/** The payload, for a server that encodes it; must not be modified. */
	public byte[] payload() {
		return this.payload;
	}

	/**
	 * The whole frame as {@link Rfc6455FrameEncoder} writes it, read-only and shared by every
	 * session it is sent to: a server reads it with absolute gets, never moving its position.
	 */
	public ByteBuffer frame() {
		return this.frame;
	}

}
