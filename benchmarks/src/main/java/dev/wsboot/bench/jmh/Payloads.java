package dev.wsboot.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic test data shared by the benchmarks, so runs compare like with like. */
final class Payloads {

	/** A masking key with four different bytes, so a wrong key rotation would show. */
	static final int MASKING_KEY = 0x37FA213D;

	private Payloads() {
	}

	static byte[] random(int size) {
		byte[] bytes = new byte[size];
		new SplittableRandom(size).nextBytes(bytes);
		return bytes;
	}

	/** Exactly {@code size} bytes of valid UTF-8: ASCII only, or a mix of 1- to 4-byte characters. */
	static byte[] utf8(int size, boolean ascii) {
		String sample = ascii ? "The quick brown fox jumps over the lazy dog. "
				: "Grüße aus Köln, 東京から€100 😀 and plain words; ";
		byte[] unit = sample.getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[size];
		int filled = 0;
		while (filled < size) {
			// Copy whole samples while they fit, then pad with ASCII so no character is cut.
			if (size - filled >= unit.length) {
				System.arraycopy(unit, 0, bytes, filled, unit.length);
				filled += unit.length;
			}
			else {
				bytes[filled++] = 'x';
			}
		}
		return bytes;
	}

	/** A client frame as it arrives on the wire: FIN, the opcode, MASK, length, key, masked payload. */
	static byte[] maskedFrame(int opcode, byte[] payload) {
		int length = payload.length;
		int lengthBytes = (length <= 125) ? 0 : (length <= 0xFFFF) ? 2 : 8;
		ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + 4 + length);
		frame.put((byte) (0x80 | opcode));
		if (lengthBytes == 0) {
			frame.put((byte) (0x80 | length));
		}
		else if (lengthBytes == 2) {
			frame.put((byte) (0x80 | 126)).putShort((short) length);
		}
		else {
			frame.put((byte) (0x80 | 127)).putLong(length);
		}
		frame.putInt(MASKING_KEY);
		for (int i = 0; i < length; i++) {
			frame.put((byte) (payload[i] ^ (MASKING_KEY >>> (24 - 8 * (i & 3)))));
		}
		return frame.array();
	}
}
