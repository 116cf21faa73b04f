package dev.wsboot.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The XOR masking of RFC 6455 §5.3, eight bytes at a time. Masking and unmasking are the
 * same operation.
 */
public final class Masking {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

}
