package dev.wsboot.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Payloads for the tests, the same on every run so a failure can be reproduced.
 */
final class Payloads {

	private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789*"
		.getBytes(StandardCharsets.US_ASCII);

	private Payloads() {
	}

	/** {@code length} bytes of ASCII text, which is valid UTF-8. */
	static byte[] text(int length) {
		byte[] text = new byte[length];
		for (int i = 0; i < length; i++) {
			text[i] = ALPHABET[(i * 7 + i / ALPHABET.length) % ALPHABET.length];
		}
		return text;
	}

	/** {@code length} random bytes, mostly not UTF-8; the same bytes for the same length. */
	static byte[] binary(int length) {
		byte[] data = new byte[length];
		new Random(length).nextBytes(data);
		return data;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
