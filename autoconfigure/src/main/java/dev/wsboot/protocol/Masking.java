package dev.wsboot.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The XOR masking of RFC 6455 §5.3, eight bytes at a time. Masking and unmasking are the
 * same operation.
 */
public final class Masking {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle LONGS_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
			ByteOrder.BIG_ENDIAN);

	private Masking() {
	}

	/**
	 * XORs {@code length} bytes of {@code data} in place with the masking key.
	 * @param maskingKey the four key bytes, first on the wire in the most significant byte
	 * @param payloadIndex the index, within the frame's payload, of {@code data[offset]}, so
	 * a payload can be unmasked in pieces as it arrives ("octet i of the transformed data is
	 * the XOR of octet i of the original data with octet at index i modulo 4 of the masking
	 * key")
	 */
	public static void unmask(byte[] data, int offset, int length, int maskingKey, long payloadIndex) {
		if (length <= 0) {
			return;
		}
		int rotation = (int) (payloadIndex & 3);
		// Rotate so that the key byte for data[offset] comes first.
		int key = Integer.rotateLeft(maskingKey, rotation * 8);
		int i = offset;
		int end = offset + length;
		if (length >= 8) {
			// The long view is little-endian: data[i] is its lowest byte, so it must meet the
			// first key byte there; reverse the big-endian int and repeat it twice.
			long keyLe = Integer.reverseBytes(key) & 0xFFFFFFFFL;
			long key64 = keyLe | (keyLe << 32);
			for (int last = end - 8; i <= last; i += 8) {
				LONGS.set(data, i, ((long) LONGS.get(data, i)) ^ key64);
			}
		}
		// The tail starts at a multiple of 8 from offset, so the key is aligned as at offset.
		for (int k = 0; i < end; i++, k++) {
			data[i] ^= (byte) (key >>> (24 - 8 * (k & 3)));
		}
	}

	/**
	 * Copies {@code length} bytes from {@code source} (from its position, which advances)
	 * into {@code dest} and unmasks them on the way: one pass over the bytes instead of a copy
	 * followed by {@link #unmask}.
	 * @param payloadIndex the index, within the frame's payload, of the first byte copied
	 */
	public static void copyUnmasked(ByteBuffer source, byte[] dest, int offset, int length, int maskingKey,
			long payloadIndex) {
		int key = Integer.rotateLeft(maskingKey, (int) (payloadIndex & 3) * 8);
		int from = source.position();
		int i = 0;
		if (length >= 8) {
			// Big-endian on both sides, so the key's first byte meets the first data byte.
			ByteBuffer big = (source.order() == ByteOrder.BIG_ENDIAN) ? source : source.duplicate().order(ByteOrder.BIG_ENDIAN);
			long key64 = ((long) key << 32) | (key & 0xFFFFFFFFL);
			for (int last = length - 8; i <= last; i += 8) {
				LONGS_BIG_ENDIAN.set(dest, offset + i, big.getLong(from + i) ^ key64);
			}
		}
		for (int k = 0; i < length; i++, k++) {
			dest[offset + i] = (byte) (source.get(from + i) ^ (key >>> (24 - 8 * (k & 3))));
		}
		source.position(from + length);
	}

}
