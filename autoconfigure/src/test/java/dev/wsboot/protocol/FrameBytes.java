package dev.wsboot.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Builds the raw bytes of a client frame field by field (RFC 6455 §5.2), so that a test
 * states what goes on the wire, including what no well-behaved client would send: unmasked
 * frames, reserved bits and opcodes, a declared length that differs from the payload or a
 * length in a longer form than needed.
 *
 * <p>Masking here is a plain byte-at-a-time XOR, independent of {@link Masking}.
 */
final class FrameBytes {

	/** The masking key of the RFC 6455 §5.7 examples, {@code 37 fa 21 3d}. */
	static final int RFC_MASKING_KEY = 0x37FA213D;

	/** The three ways §5.2 allows a payload length to be written. */
	enum LengthForm {

		/** The length in the seven bits of the second byte: 0 to 125. */
		SEVEN_BIT,

		/** 126, then the length in 16 bits. */
		SIXTEEN_BIT,

		/** 127, then the length in 64 bits. */
		SIXTY_FOUR_BIT

	}

	private final int opcodeBits;

	private final byte[] payload;

	private boolean fin = true;

	private int rsv;

	private boolean masked = true;

	private int maskingKey = RFC_MASKING_KEY;

	private @Nullable Long declaredLength;

	private @Nullable LengthForm lengthForm;

	private FrameBytes(int opcodeBits, byte[] payload) {
		this.opcodeBits = opcodeBits;
		this.payload = payload.clone();
	}

	/** A frame with any four opcode bits, reserved ones included. */
	static FrameBytes frame(int opcodeBits, byte[] payload) {
		return new FrameBytes(opcodeBits, payload);
	}

	static FrameBytes frame(Opcode opcode, byte[] payload) {
		return new FrameBytes(opcode.bits(), payload);
	}

	static FrameBytes text(String text) {
		return frame(Opcode.TEXT, utf8(text));
	}

	static FrameBytes text(byte[] payload) {
		return frame(Opcode.TEXT, payload);
	}

	static FrameBytes binary(byte[] payload) {
		return frame(Opcode.BINARY, payload);
	}

	static FrameBytes continuation(String text) {
		return frame(Opcode.CONTINUATION, utf8(text));
	}

	static FrameBytes continuation(byte[] payload) {
		return frame(Opcode.CONTINUATION, payload);
	}

	static FrameBytes ping(byte[] payload) {
		return frame(Opcode.PING, payload);
	}

	static FrameBytes pong(byte[] payload) {
		return frame(Opcode.PONG, payload);
	}

	static FrameBytes close(byte[] payload) {
		return frame(Opcode.CLOSE, payload);
	}

	/** A close frame with a status code and no reason. */
	static FrameBytes close(int code) {
		return close(new byte[] { (byte) (code >>> 8), (byte) code });
	}

	FrameBytes fin(boolean fin) {
		this.fin = fin;
		return this;
	}

	/** Clears FIN: a fragment that is not the last one. */
	FrameBytes notFinal() {
		return fin(false);
	}

	/** The three reserved bits as one value, RSV1 the highest: 4 is RSV1, 1 is RSV3. */
	FrameBytes rsv(int rsv) {
		this.rsv = rsv;
		return this;
	}

	/** Clears MASK and leaves out the masking key, as only a server may. */
	FrameBytes unmasked() {
		this.masked = false;
		return this;
	}

	FrameBytes maskingKey(int maskingKey) {
		this.maskingKey = maskingKey;
		return this;
	}

	/** Declares this length in the header whatever the payload is; any 64 bits, so negative sets the MSB. */
	FrameBytes declaredLength(long declaredLength) {
		this.declaredLength = declaredLength;
		return this;
	}

	/** Writes the length in this form instead of the shortest one. */
	FrameBytes lengthForm(LengthForm lengthForm) {
		this.lengthForm = lengthForm;
		return this;
	}

	/** The header alone: the first two bytes, any extended length and the masking key. */
	byte[] header() {
		long length = (this.declaredLength != null) ? this.declaredLength : this.payload.length;
		LengthForm form = (this.lengthForm != null) ? this.lengthForm : shortestForm(length);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write((this.fin ? 0x80 : 0) | ((this.rsv & 0x7) << 4) | (this.opcodeBits & 0xF));
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

	/** The whole frame: header, then the payload masked with the key when MASK is set. */
	byte[] build() {
		byte[] body = this.masked ? xorMask(this.payload, this.maskingKey) : this.payload;
		return concat(header(), body);
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

	/** Masked client frames carrying {@code data} as one message in {@code count} fragments of near-equal size. */
	static byte[][] fragments(Opcode type, byte[] data, int count) {
		byte[][] frames = new byte[count][];
		for (int i = 0; i < count; i++) {
			int from = data.length * i / count;
			int to = data.length * (i + 1) / count;
			Opcode opcode = (i == 0) ? type : Opcode.CONTINUATION;
			frames[i] = frame(opcode, Arrays.copyOfRange(data, from, to))
				.fin(i == count - 1)
				.maskingKey(0x5EED0000 + i)
				.build();
		}
		return frames;
	}


	/** Byte {@code i} XOR key byte {@code i % 4}, the key's first byte on the wire first (RFC 6455 §5.3). */
	static byte[] xorMask(byte[] data, int maskingKey) {
		byte[] result = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			int keyByte = (maskingKey >>> (24 - 8 * (i % 4))) & 0xFF;
			result[i] = (byte) (data[i] ^ keyByte);
		}
		return result;
	}

	/** Bytes from hex pairs, spaces ignored: {@code hex("81 05 48 65")}. */
	static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex.replace(" ", ""));
	}

	/** Hex pairs separated by spaces, lower case: {@code "81 05 48 65"}. */
	static String hex(byte[] bytes) {
		return HexFormat.ofDelimiter(" ").formatHex(bytes);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** {@code length} bytes that differ from their neighbours, so a shifted or dropped byte shows. */
	static byte[] pattern(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + (i >>> 8));
		}
		return bytes;
	}

}
