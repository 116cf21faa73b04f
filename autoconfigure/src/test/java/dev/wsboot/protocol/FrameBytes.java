package dev.wsboot.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import dev.wsboot.testsupport.ClientFrame;

/**
 * Bytes for the protocol tests: hex vectors, payloads whose bytes all differ from their
 * neighbours, and a message cut into a given number of fragments. Single frames, legal or
 * not, are built with {@link ClientFrame}, the builder the socket tests share.
 */
final class FrameBytes {

	private FrameBytes() {
	}

	/**
	 * Masked client frames carrying {@code data} as one message in {@code count} fragments of
	 * near-equal size, each with its own masking key so that no fragment is unmasked with
	 * the state of the one before.
	 */
	static byte[][] fragments(Opcode type, byte[] data, int count) {
		byte[][] frames = new byte[count][];
		for (int i = 0; i < count; i++) {
			int from = data.length * i / count;
			int to = data.length * (i + 1) / count;
			Opcode opcode = (i == 0) ? type : Opcode.CONTINUATION;
			frames[i] = ClientFrame.of(opcode.bits(), Arrays.copyOfRange(data, from, to))
				.fin(i == count - 1)
				.maskingKey(0x5EED0000 + i)
				.bytes();
		}
		return frames;
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
