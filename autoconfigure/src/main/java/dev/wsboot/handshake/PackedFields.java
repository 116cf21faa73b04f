package dev.wsboot.handshake;

import java.nio.charset.StandardCharsets;

/**
 * The compact form of {@link HttpHeaders} kept as long as a connection lives: every name and
 * value in ISO-8859-1, each followed by a NUL, which no name or value holds, in one array of
 * bytes rather than a string each. Only static methods, so that headers in this form hold
 * that array and nothing more.
 */
final class PackedFields {

	private PackedFields() {
	}

	/**
	 * Packs the first {@code count} fields of {@code entries}, names and values alternating,
	 * but those named in {@code without}.
	 * @param without names of fields to leave out, compared ignoring case
	 */
	static byte[] pack(String[] entries, int count, String[] without) {
		int size = 0;
		for (int i = 0; i < count * 2; i += 2) {
			if (!isAnyOf(entries[i], without)) {
				size += entries[i].length() + 1 + entries[i + 1].length() + 1;
			}
		}
		byte[] bytes = new byte[size];
		int at = 0;
		for (int i = 0; i < count * 2; i += 2) {
			if (!isAnyOf(entries[i], without)) {
				at = pack(entries[i], bytes, at);
				at = pack(entries[i + 1], bytes, at);
			}
		}
		return bytes;
	}

	/** The number of fields in a packed array: a name and a value, so two NULs, each. */
	static int count(byte[] packed) {
		int terminators = 0;
		for (byte b : packed) {
			if (b == 0) {
				terminators++;
			}
		}
		return terminators / 2;
	}

	/** Names and values alternating, read from the {@code count} fields of a packed array. */
	static String[] unpack(byte[] packed, int count) {
		String[] read = new String[count * 2];
		int start = 0;
		for (int i = 0; i < read.length; i++) {
			int end = start;
			while (packed[end] != 0) {
				end++;
			}
			read[i] = new String(packed, start, end - start, StandardCharsets.ISO_8859_1);
			start = end + 1;
		}
		return read;
	}

	private static boolean isAnyOf(String name, String[] names) {
		for (String candidate : names) {
			if (candidate.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	/** Writes a name or value and its terminating NUL; add() made sure each char fits a byte. */
	private static int pack(String text, byte[] dest, int at) {
		byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(latin1, 0, dest, at, latin1.length);
		return at + latin1.length + 1;
	}

}
