package dev.wsboot.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The content of message number {@code seq}: a hexadecimal counter (up to 16 bytes) followed by
 * random filler read from a shifting offset. Any message can be regenerated and any received
 * chunk checked in place, so nothing sent needs to be kept; a lost, repeated, reordered or
 * corrupted echo shows up as a mismatch.
 *
 * <p>The {@link #json JSON form} puts the same counter and filler into string values of a JSON
 * object, between fixed literals, so that a server that reads it into a record and writes the
 * record back produces the very same bytes.
 */
final class PayloadPattern {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	/** No quote, backslash or control character: any slice is a JSON string's content as it is. */
	private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:-_"
		.getBytes(StandardCharsets.US_ASCII);

	/**
	 * The JSON form: properties in alphabetical order, as Jackson 3 writes a record's
	 * properties by default, with no whitespace; the counter is {@code id} and the filler
	 * {@code text}. Shaped like {@code dev.wsboot.bench.peer.ChatMessage}.
	 */
	private static final byte[] JSON_PREFIX = ascii("{\"id\":\"");

	private static final byte[] JSON_MIDDLE = ascii("\",\"priority\":3,\"room\":\"lobby\",\"text\":\"");

	private static final byte[] JSON_SUFFIX = ascii("\",\"user\":\"bench\"}");

	private static final int JSON_COUNTER_LENGTH = 16;

	/** The smallest JSON message: the literals, the counter and one byte of text. */
	static final int MIN_JSON_SIZE = JSON_PREFIX.length + JSON_COUNTER_LENGTH + JSON_MIDDLE.length + 1
			+ JSON_SUFFIX.length;

	private static final byte[] NONE = new byte[0];

	/** How many different filler offsets are used, so consecutive messages differ everywhere. */
	private static final int SHIFTS = 256;

	/** Spans up to this long are compared byte by byte; longer ones with a vectorized mismatch. */
	private static final int SHORT_SPAN = 64;

	private final int size;

	private final boolean text;

	private final byte[] prefix;

	private final int counterLength;

	private final byte[] middle;

	private final int fillerLength;

	private final byte[] suffix;

	/** Where each part starts in a message: prefix at 0, then counter, middle, filler, suffix. */
	private final int counterStart;

	private final int middleStart;

	private final int fillerStart;

	private final int suffixStart;

	private final byte[] filler;

	/** Counter then filler, {@code size} bytes of ASCII text or of any byte. */
	PayloadPattern(int size, boolean text, long seed) {
		this(size, text, seed, NONE, Math.min(16, size), NONE, NONE);
	}

	private PayloadPattern(int size, boolean text, long seed, byte[] prefix, int counterLength, byte[] middle,
			byte[] suffix) {
		this.size = size;
		this.text = text;
		this.prefix = prefix;
		this.counterLength = counterLength;
		this.middle = middle;
		this.suffix = suffix;
		this.fillerLength = size - prefix.length - counterLength - middle.length - suffix.length;
		if (this.fillerLength < 0) {
			throw new IllegalArgumentException("a message of this form needs at least "
					+ (size - this.fillerLength) + " bytes, not " + size);
		}
		this.counterStart = prefix.length;
		this.middleStart = this.counterStart + counterLength;
		this.fillerStart = this.middleStart + middle.length;
		this.suffixStart = this.fillerStart + this.fillerLength;
		this.filler = new byte[this.fillerLength + SHIFTS];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < this.filler.length; i++) {
			// Text payloads stay ASCII, so they are valid UTF-8 whatever slice of the filler is used.
			this.filler[i] = text ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) random.nextInt(256);
		}
	}

	/**
	 * A JSON object of {@code size} bytes (at least {@link #MIN_JSON_SIZE}) that a JSON
	 * library writes back byte for byte after reading it into a record.
	 */
	static PayloadPattern json(int size, long seed) {
		if (size < MIN_JSON_SIZE) {
			throw new IllegalArgumentException("JSON messages need at least " + MIN_JSON_SIZE + " bytes, not " + size);
		}
		return new PayloadPattern(size, true, seed, JSON_PREFIX, JSON_COUNTER_LENGTH, JSON_MIDDLE, JSON_SUFFIX);
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
		MaskedFrameWriter.putMasked(out, this.prefix, 0, this.prefix.length, maskingKey, 0);
		for (int i = 0; i < this.counterLength; i++) {
			out.put((byte) (counterByte(seq, i) ^ MaskedFrameWriter.keyByte(maskingKey, this.counterStart + i)));
		}
		MaskedFrameWriter.putMasked(out, this.middle, 0, this.middle.length, maskingKey, this.middleStart);
		MaskedFrameWriter.putMasked(out, this.filler, shift(seq), this.fillerLength, maskingKey, this.fillerStart);
		MaskedFrameWriter.putMasked(out, this.suffix, 0, this.suffix.length, maskingKey, this.suffixStart);
	}

	/**
	 * Whether the remaining bytes of {@code chunk} equal bytes {@code offset..} of message
	 * {@code seq}. The caller checks that they fit in the message; {@code chunk} is not moved.
	 */
	boolean matches(long seq, int offset, ByteBuffer chunk) {
		int position = chunk.position();
		int end = chunk.limit();
		int index = offset;
		while (position < end) {
			int left = end - position;
			int count;
			boolean same;
			if (index < this.counterStart) {
				count = Math.min(left, this.counterStart - index);
				same = same(chunk, position, count, this.prefix, index);
			}
			else if (index < this.middleStart) {
				count = Math.min(left, this.middleStart - index);
				same = counterMatches(chunk, position, count, seq, index - this.counterStart);
			}
			else if (index < this.fillerStart) {
				count = Math.min(left, this.fillerStart - index);
				same = same(chunk, position, count, this.middle, index - this.middleStart);
			}
			else if (index < this.suffixStart) {
				count = Math.min(left, this.suffixStart - index);
				same = same(chunk, position, count, this.filler, shift(seq) + index - this.fillerStart);
			}
			else if (index < this.size) {
				count = Math.min(left, this.size - index);
				same = same(chunk, position, count, this.suffix, index - this.suffixStart);
			}
			else {
				return false;
			}
			if (!same) {
				return false;
			}
			position += count;
			index += count;
		}
		return true;
	}

	private boolean counterMatches(ByteBuffer chunk, int position, int count, long seq, int counterIndex) {
		for (int i = 0; i < count; i++) {
			if (chunk.get(position + i) != counterByte(seq, counterIndex + i)) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code count} bytes of {@code chunk} from {@code position} equal those of {@code expected} from {@code from}. */
	private static boolean same(ByteBuffer chunk, int position, int count, byte[] expected, int from) {
		if (count <= SHORT_SPAN) {
			for (int i = 0; i < count; i++) {
				if (chunk.get(position + i) != expected[from + i]) {
					return false;
				}
			}
			return true;
		}
		int savedPosition = chunk.position();
		int savedLimit = chunk.limit();
		chunk.limit(position + count).position(position);
		boolean same = chunk.mismatch(ByteBuffer.wrap(expected, from, count)) == -1;
		chunk.limit(savedLimit).position(savedPosition);
		return same;
	}

	private byte counterByte(long seq, int index) {
		return HEX[(int) (seq >>> (4 * (this.counterLength - 1 - index))) & 0xF];
	}

	private static int shift(long seq) {
		return (int) (seq & (SHIFTS - 1));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}
}
