package dev.wsboot.bench.load;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes client frames into a buffer. RFC 6455 §5.3: a client MUST mask every frame it sends,
 * with a fresh masking key per frame; every frame written here is a single, final (FIN) frame.
 */
final class MaskedFrameWriter {

	static final int OPCODE_TEXT = 0x1;
	static final int OPCODE_BINARY = 0x2;
	static final int OPCODE_CLOSE = 0x8;
	static final int OPCODE_PING = 0x9;
	static final int OPCODE_PONG = 0xA;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

	private MaskedFrameWriter() {
	}

	/** Bytes taken by the header of a masked frame, masking key included. */
	static int headerLength(long payloadLength) {
		int lengthBytes = (payloadLength <= 125) ? 0 : (payloadLength <= 0xFFFF) ? 2 : 8;
		return 2 + lengthBytes + 4;
	}

	/** Writes the header of a final frame: FIN, opcode, MASK bit, payload length (§5.2) and masking key. */
	static void writeHeader(ByteBuffer out, int opcode, long payloadLength, int maskingKey) {
		out.put((byte) (0x80 | opcode));
		if (payloadLength <= 125) {
			out.put((byte) (0x80 | payloadLength));
		}
		else if (payloadLength <= 0xFFFF) {
			out.put((byte) (0x80 | 126));
			out.putShort((short) payloadLength);
		}
		else {
			out.put((byte) (0x80 | 127));
			out.putLong(payloadLength);
		}
		out.putInt(maskingKey);
	}

	/**
	 * Copies {@code length} bytes of {@code source} into {@code out}, masked (§5.3: byte i is
	 * XORed with byte i mod 4 of the key). {@code payloadIndex} is the index, within the frame's
	 * payload, of {@code source[sourceOffset]}; it selects where in the key to start.
	 */
	static void putMasked(ByteBuffer out, byte[] source, int sourceOffset, int length, int maskingKey,
			int payloadIndex) {
		int key = Integer.rotateLeft(maskingKey, 8 * (payloadIndex & 3));
		long key64 = ((long) key << 32) | (key & 0xFFFFFFFFL);
		int base = out.position();
		int i = 0;
		for (; i + 8 <= length; i += 8) {
			out.putLong(base + i, (long) LONGS.get(source, sourceOffset + i) ^ key64);
		}
		for (; i < length; i++) {
			out.put(base + i, (byte) (source[sourceOffset + i] ^ keyByte(key, i)));
		}
		out.position(base + length);
	}

	/** Byte {@code index mod 4} of a masking key, in wire order. */
	static byte keyByte(int maskingKey, int index) {
		return (byte) (maskingKey >>> (24 - 8 * (index & 3)));
	}

	/** Writes a masked control frame (§5.5: at most 125 bytes of payload). */
	static void writeControl(ByteBuffer out, int opcode, byte[] payload, int length, int maskingKey) {
		writeHeader(out, opcode, length, maskingKey);
		putMasked(out, payload, 0, length, maskingKey, 0);
	}
}
