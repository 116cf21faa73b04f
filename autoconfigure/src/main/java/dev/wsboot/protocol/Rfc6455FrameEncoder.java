package dev.wsboot.protocol;

/**
 * The standard {@link FrameEncoder}: unmasked frames, RSV bits as the extensions set them, shortest length form
 * (RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length").
 */
public final class Rfc6455FrameEncoder implements FrameEncoder {

	@Override
	public int headerLength(long payloadLength) {
		if (payloadLength <= 125) {
			return 2;
		}
		return (payloadLength <= 0xFFFF) ? 4 : 10;
	}

	@Override
	public int writeHeader(byte[] dest, int offset, boolean fin, int rsv, Opcode opcode, long payloadLength) {
		if (payloadLength < 0) {
			throw new IllegalArgumentException("Negative payload length " + payloadLength);
		}
		if ((rsv & ~0b111) != 0) {
			throw new IllegalArgumentException("Reserved bits are three: " + Integer.toBinaryString(rsv));
		}
		dest[offset] = (byte) ((fin ? 0x80 : 0) | (rsv << 4) | opcode.bits());
		if (payloadLength <= 125) {
			dest[offset + 1] = (byte) payloadLength;
			return 2;
		}
		if (payloadLength <= 0xFFFF) {
			dest[offset + 1] = 126;
			dest[offset + 2] = (byte) (payloadLength >>> 8);
			dest[offset + 3] = (byte) payloadLength;
			return 4;
		}
		dest[offset + 1] = 127;
		for (int i = 0; i < 8; i++) {
			dest[offset + 2 + i] = (byte) (payloadLength >>> (56 - 8 * i));
		}
		return 10;
	}

}
