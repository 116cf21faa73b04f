package dev.wsboot.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A client frame exactly as it goes on the wire (RFC 6455 §5.2), built field by field so
 * that a test states every bit, including what no well-behaved client sends: FIN, RSV bits,
 * any of the sixteen opcodes, masked or not with a chosen key, a declared length that differs
 * from the payload, or a length written in a longer form than needed.
 *
 * <p>Written independently of the server's codec, so that a bug there cannot hide itself in
 * the test. Opcodes are plain integers so that reserved ones can be sent too. Instances are
 * immutable: each modifier returns a changed copy, so one frame can be the base of many.
 */
public final class ClientFrame {

	public static final int CONTINUATION = 0x0;

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	/** The masking key of the RFC 6455 §5.7 examples, {@code 37 fa 21 3d}: the default. */
	public static final int RFC_MASKING_KEY = 0x37FA213D;

	/** The three ways §5.2 allows a payload length to be written. */
	public enum LengthForm {

		/** The length in the seven bits of the second byte: 0 to 125. */
		SEVEN_BIT,

		/** 126, then the length in 16 bits. */
		SIXTEEN_BIT,

		/** 127, then the length in 64 bits. */
		SIXTY_FOUR_BIT

	}

	private final boolean fin;

	private final int rsv;

	private final int opcode;

	private final byte[] payload;

	private final boolean masked;

	private final int maskingKey;

	/** The length put in the header; null for the payload's own. */
	private final @Nullable Long declaredLength;

	/** The form the length is written in; null for the shortest. */
	private final @Nullable LengthForm lengthForm;

	private ClientFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, int maskingKey,
			@Nullable Long declaredLength, @Nullable LengthForm lengthForm) {
		this.fin = fin;
		this.rsv = rsv;
		this.opcode = opcode;
		this.payload = payload;
		this.masked = masked;
		this.maskingKey = maskingKey;
		this.declaredLength = declaredLength;
		this.lengthForm = lengthForm;
	}

	/** A final, masked frame with any four opcode bits, reserved ones included. */
	public static ClientFrame of(int opcode, byte[] payload) {
		return new ClientFrame(true, 0, opcode, payload.clone(), true, RFC_MASKING_KEY, null, null);
	}

	public static ClientFrame text(String text) {
		return of(TEXT, utf8(text));
	}

	public static ClientFrame text(byte[] payload) {
		return of(TEXT, payload);
	}

	public static ClientFrame binary(byte[] payload) {
		return of(BINARY, payload);
	}

	public static ClientFrame continuation(String text) {
		return of(CONTINUATION, utf8(text));
	}

	public static ClientFrame continuation(byte[] payload) {
		return of(CONTINUATION, payload);
	}

	public static ClientFrame ping(String payload) {
		return of(PING, utf8(payload));
	}

	public static ClientFrame ping(byte[] payload) {
		return of(PING, payload);
	}

	public static ClientFrame pong(String payload) {
		return of(PONG, utf8(payload));
	}

	public static ClientFrame pong(byte[] payload) {
		return of(PONG, payload);
	}

	/** A close frame with no payload at all. */
	public static ClientFrame close() {
		return of(CLOSE, new byte[0]);
	}

	/** A close frame with this exact payload, a well-formed one or not. */
	public static ClientFrame close(byte[] payload) {
		return of(CLOSE, payload);
	}

	/** A close frame with a status code and no reason. */
	public static ClientFrame close(int code) {
		return close(code, new byte[0]);
	}

	public static ClientFrame close(int code, String reason) {
		return close(code, utf8(reason));
	}

	/** A close frame with a status code and raw reason bytes, valid UTF-8 or not. */
	public static ClientFrame close(int code, byte[] reason) {
		byte[] payload = new byte[2 + reason.length];
		payload[0] = (byte) (code >>> 8);
		payload[1] = (byte) code;
		System.arraycopy(reason, 0, payload, 2, reason.length);
		return of(CLOSE, payload);
	}

	/**
	 * A message cut into frames of {@code size} bytes: the first with {@code opcode}, then
	 * continuations, only the last one final. An empty message is one empty final frame.
	 */
	public static ClientFrame[] fragments(int opcode, byte[] message, int size) {
		int count = Math.max(1, (message.length + size - 1) / size);
		ClientFrame[] frames = new ClientFrame[count];
		for (int i = 0; i < count; i++) {
			byte[] part = Arrays.copyOfRange(message, i * size, Math.min(message.length, (i + 1) * size));
			frames[i] = of((i == 0) ? opcode : CONTINUATION, part).fin(i == count - 1);
		}
		return frames;
	}

	public ClientFrame fin(boolean fin) {
		return new ClientFrame(fin, this.rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				this.declaredLength, this.lengthForm);
	}

	/** The same frame with FIN clear: a fragment that is not the last. */
	public ClientFrame notFinal() {
		return fin(false);
	}

	/** The same frame with the three RSV bits set to {@code rsv}: 4 is RSV1, 2 is RSV2, 1 is RSV3. */
	public ClientFrame rsv(int rsv) {
		return new ClientFrame(this.fin, rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				this.declaredLength, this.lengthForm);
	}

	/** The same frame with MASK clear and no masking key, which RFC 6455 §5.1 forbids a client. */
	public ClientFrame unmasked() {
		return new ClientFrame(this.fin, this.rsv, this.opcode, this.payload, false, this.maskingKey,
				this.declaredLength, this.lengthForm);
	}

	/** The same frame masked with this key, its most significant byte first on the wire. */
	public ClientFrame maskingKey(int maskingKey) {
		return new ClientFrame(this.fin, this.rsv, this.opcode, this.payload, true, maskingKey, this.declaredLength,
				this.lengthForm);
	}

	/**
	 * The same frame declaring {@code length} payload bytes whatever the payload is: any 64
	 * bits, so a negative value sets the most significant bit. With an empty payload,
	 * {@link #bytes()} is a header promising bytes that never come.
	 */
	public ClientFrame declaredLength(long length) {
		return new ClientFrame(this.fin, this.rsv, this.opcode, this.payload, this.masked, this.maskingKey, length,
				this.lengthForm);
	}

	/** The same frame with its length written in this form instead of the shortest one. */
	public ClientFrame lengthForm(LengthForm lengthForm) {
		return new ClientFrame(this.fin, this.rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				this.declaredLength, lengthForm);
	}

	public int opcode() {
		return this.opcode;
	}

	public byte[] payload() {
		return this.payload.clone();
	}

	/** The header alone: the first two bytes, any extended length and the masking key. */
	public byte[] header() {
		long length = (this.declaredLength != null) ? this.declaredLength : this.payload.length;
		LengthForm form = (this.lengthForm != null) ? this.lengthForm : shortestForm(length);
		ByteArrayOutputStream out = new ByteArrayOutputStream(14);
		out.write((this.fin ? 0x80 : 0) | ((this.rsv & 0x7) << 4) | (this.opcode & 0xF));
		int maskBit = this.masked ? 0x80 : 0;
		switch (form) {
			case SEVEN_BIT -> out.write(maskBit | (int) (length & 0x7F));
			case SIXTEEN_BIT -> {
				out.write(maskBit | 126);
				writeBigEndian(out, length, 2);
			}
			case SIXTY_FOUR_BIT -> {
				out.write(maskBit | 127);
				writeBigEndian(out, length, 8);
			}
		}
		if (this.masked) {
			writeBigEndian(out, this.maskingKey, 4);
		}
		return out.toByteArray();
	}

	/** The length of {@link #header()}: 2, 4 or 10 bytes, plus 4 for a masking key. */
	public int headerLength() {
		return header().length;
	}

	/** The whole frame: header, then the payload, masked with the key when MASK is set. */
	public byte[] bytes() {
		byte[] header = header();
		byte[] body = this.masked ? mask(this.payload, this.maskingKey) : this.payload;
		byte[] frame = Arrays.copyOf(header, header.length + body.length);
		System.arraycopy(body, 0, frame, header.length, body.length);
		return frame;
	}

	/** The frames back to back, as one write puts them on the wire. */
	public static byte[] bytes(ClientFrame... frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (ClientFrame frame : frames) {
			out.writeBytes(frame.bytes());
		}
		return out.toByteArray();
	}

	/**
	 * Byte {@code i} XOR byte {@code i % 4} of the key, the key's most significant byte first
	 * (RFC 6455 §5.3); a plain loop, independent of the server's word-wise masking.
	 */
	public static byte[] mask(byte[] data, int maskingKey) {
		byte[] result = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			int keyByte = (maskingKey >>> (24 - 8 * (i % 4))) & 0xFF;
			result[i] = (byte) (data[i] ^ keyByte);
		}
		return result;
	}

	/** The form a well-behaved sender uses; the length is read as unsigned, as on the wire. */
	private static LengthForm shortestForm(long length) {
		if (Long.compareUnsigned(length, 125) <= 0) {
			return LengthForm.SEVEN_BIT;
		}
		return (Long.compareUnsigned(length, 0xFFFF) <= 0) ? LengthForm.SIXTEEN_BIT : LengthForm.SIXTY_FOUR_BIT;
	}

	private static void writeBigEndian(ByteArrayOutputStream out, long value, int bytes) {
		for (int i = bytes - 1; i >= 0; i--) {
			out.write((int) (value >>> (8 * i)) & 0xFF);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "ClientFrame[fin=" + this.fin + ", rsv=" + this.rsv + ", opcode=0x" + Integer.toHexString(this.opcode)
				+ ", " + this.payload.length + " bytes" + (this.masked ? "" : ", unmasked") + "]";
	}

}
