package dev.wsboot.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * An incremental UTF-8 validator (RFC 3629) that fails on the first byte that cannot
 * start or continue a well-formed sequence, so a text message split anywhere, even
 * inside a code point, is checked as its fragments arrive (RFC 6455 §8.1).
 *
 * <p>ASCII runs are checked eight bytes at a time. One instance per message stream;
 * {@link #reset()} between messages.
 */
public final class Utf8Validator {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long HIGH_BITS = 0x8080808080808080L;

	/**
	 * For each byte that starts a multi-byte sequence (RFC 3629 §4): the sequence's width
	 * and the range its second byte must fall into, packed as {@code width << 16 | low << 8 | high};
	 * 0 for bytes that start none. The narrowed ranges rule out overlong forms (after E0 and
	 * F0), UTF-16 surrogates U+D800..U+DFFF (after ED) and code points above U+10FFFF (after F4).
	 */
	private static final int[] SEQUENCES = new int[256];

	static {
		for (int lead = 0xC2; lead <= 0xDF; lead++) {
			SEQUENCES[lead] = sequence(2, 0x80, 0xBF);
		}
		for (int lead = 0xE0; lead <= 0xEF; lead++) {
			SEQUENCES[lead] = sequence(3, 0x80, 0xBF);
		}
		SEQUENCES[0xE0] = sequence(3, 0xA0, 0xBF);
		SEQUENCES[0xED] = sequence(3, 0x80, 0x9F);
		for (int lead = 0xF0; lead <= 0xF4; lead++) {
			SEQUENCES[lead] = sequence(4, 0x80, 0xBF);
		}
		SEQUENCES[0xF0] = sequence(4, 0x90, 0xBF);
		SEQUENCES[0xF4] = sequence(4, 0x80, 0x8F);
	}

	/** Continuation bytes still expected in the current sequence (0 between characters). */
	private int pending;

	/** The range the next continuation byte must fall into; only the first one is narrowed. */
	private int low = 0x80;

	private int high = 0xBF;

	/**
	 * Validates the next chunk of the stream.
	 * @return false as soon as a byte makes the stream invalid; the validator then stays
	 * invalid until {@link #reset()}
	 */
	public boolean validate(byte[] bytes, int offset, int length) {
		if (this.pending < 0) {
			return false;
		}
		int i = offset;
		int end = offset + length;
		while (i < end) {
			if (this.pending == 0) {
				// ASCII fast path: eight bytes at a time while no high bit is set.
				while (i + 8 <= end && (((long) LONGS.get(bytes, i)) & HIGH_BITS) == 0) {
					i += 8;
				}
				if (i == end) {
					break;
				}
				int b = bytes[i];
				if (b >= 0) {
					i++;
					continue;
				}
				// A whole sequence in the buffer is checked in place; only one cut by the end
				// of the chunk goes through the byte-by-byte state below.
				int width = sequenceWidth(bytes, i, end);
				if (width > 0) {
					i += width;
					continue;
				}
				if (width < 0 || !startSequence(b & 0xFF)) {
					this.pending = -1;
					return false;
				}
				i++;
			}
			else {
				int b = bytes[i++] & 0xFF;
				if (b < this.low || b > this.high) {
					this.pending = -1;
					return false;
				}
				this.pending--;
				this.low = 0x80;
				this.high = 0xBF;
			}
		}
		return true;
	}

	/**
	 * Checks the multi-byte sequence starting at {@code i}: its width when it is complete
	 * and valid, 0 when the chunk ends inside it, -1 when it is invalid.
	 */
	private static int sequenceWidth(byte[] bytes, int i, int end) {
		int sequence = SEQUENCES[bytes[i] & 0xFF];
		if (sequence == 0) {
			return -1;
		}
		int width = width(sequence);
		if (i + width > end) {
			return 0;
		}
		int second = bytes[i + 1] & 0xFF;
		if (second < secondMin(sequence) || second > secondMax(sequence)) {
			return -1;
		}
		for (int k = 2; k < width; k++) {
			if ((bytes[i + k] & 0xC0) != 0x80) {
				return -1;
			}
		}
		return width;
	}

	/** Sets up the expected continuation bytes for a lead byte; false if it leads nothing. */
	private boolean startSequence(int lead) {
		int sequence = SEQUENCES[lead];
		if (sequence == 0) {
			return false;
		}
		expect(width(sequence) - 1, secondMin(sequence), secondMax(sequence));
		return true;
	}

	private static int sequence(int width, int low, int high) {
		return (width << 16) | (low << 8) | high;
	}

	private static int width(int sequence) {
		return sequence >>> 16;
	}

	private static int secondMin(int sequence) {
		return (sequence >>> 8) & 0xFF;
	}

	private static int secondMax(int sequence) {
		return sequence & 0xFF;
	}

	private void expect(int continuations, int low, int high) {
		this.pending = continuations;
		this.low = low;
		this.high = high;
	}

	/** Whether the bytes so far end on a character boundary (and none was invalid). */
	public boolean isComplete() {
		return this.pending == 0;
	}

	/** Whether an invalid byte has been seen. */
	public boolean isInvalid() {
		return this.pending < 0;
	}

	/** Forgets everything, ready for the next message. */
	public void reset() {
		this.pending = 0;
		this.low = 0x80;
		this.high = 0xBF;
	}

}
