package dev.wsboot.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The content of message number {@code seq}: a hexadecimal counter (up to 16 bytes) followed by
 * random filler read from a shifting offset. Any message can be regenerated and any received
 * chunk checked in place, so nothing sent needs to be kept; a lost, repeated, reordered or
 * corrupted echo shows up as a mismatch.
 */
final class PayloadPattern {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:-_"
		.getBytes(StandardCharsets.US_ASCII);

	/** How many different filler offsets are used, so consecutive messages differ everywhere. */
	private static final int SHIFTS = 256;

	/** Spans up to this long are compared byte by byte; longer ones with a vectorized mismatch. */
	private static final int SHORT_SPAN = 64;

	private final int size;

	private final boolean text;

	private final int counterLength;

	private final byte[] filler;

	PayloadPattern(int size, boolean text, long seed) {
		this.size = size;
		this.text = text;
		this.counterLength = Math.min(16, size);
		this.filler = new byte[size - this.counterLength + SHIFTS];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < this.filler.length; i++) {
			// Text payloads stay ASCII, so they are valid UTF-8 whatever slice of the filler is used.
			this.filler[i] = text ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
		}
	}

	int size() {
		return this.size;
	}

	int opcode() {
		return this.text ? MaskedFrameWriter.OPCODE_TEXT : MaskedFrameWriter.OPCODE_BINARY;
	}

	String type() {
		return this.text ? "text" : "binary";
	}

	/** Writes the payload of message {@code seq}, masked with {@code maskingKey}. */
	void writeMasked(ByteBuffer out, long seq, int maskingKey) {
		for (int i = 0; i < this.counterLength; i++) {
			out.put((byte) (counterByte(seq, i) ^ MaskedFrameWriter.keyByte(maskingKey, i)));
		}
		MaskedFrameWriter.putMasked(out, this.filler, shift(seq), this.size - this.counterLength, maskingKey,
				this.counterLength);
	}

	/**
	 * Whether the remaining bytes of {@code chunk} equal bytes {@code offset..} of message
	 * {@code seq}. The caller checks that they fit in the message; {@code chunk} is not moved.
	 */
	boolean matches(long seq, int offset, ByteBuffer chunk) {
		int position = chunk.position();
		int end = chunk.limit();
		int index = offset;
		while (position < end && index < this.counterLength) {
			if (chunk.get(position) != counterByte(seq, index)) {
				return false;
			}
			position++;
			index++;
		}
		int from = shift(seq) + index - this.counterLength;
		if (end - position <= SHORT_SPAN) {
			for (int i = 0; position + i < end; i++) {
				if (chunk.get(position + i) != this.filler[from + i]) {
					return false;
				}
			}
			return true;
		}
		int saved = chunk.position();
		chunk.position(position);
		ByteBuffer expected = ByteBuffer.wrap(this.filler, from, end - position);
		boolean same = chunk.mismatch(expected) == -1;
		chunk.position(saved);
		return same;
	}

	private byte counterByte(long seq, int index) {
		return HEX[(int) (seq >>> (4 * (this.counterLength - 1 - index))) & 0xF];
	}

	private static int shift(long seq) {
		return (int) (seq & (SHIFTS - 1));
	}
}
