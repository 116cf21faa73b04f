package dev.wsboot.test.client;

import java.io.ByteArrayOutputStream;

import org.jspecify.annotations.Nullable;

/**
 * The bits of one client frame and how they go on the wire, as RFC 6455 §5.2 lays them out,
 * including the lengths and flags no well-behaved client sends. Apart from {@link WsFrame} so
 * that the public type reads as the list of frames a test may build, and the wire format
 * reads in one place.
 *
 * @param fin whether FIN is set
 * @param rsv the RSV1-RSV3 bits, 0 to 7
 * @param opcode the four opcode bits
 * @param payload the payload, unmasked; never changed
 * @param masked whether MASK is set
 * @param maskingKey the key the payload is masked with when MASK is set
 * @param declaredLength the payload length the header declares, or {@code null} for the
 * payload's own
 * @param lengthOctets octets of extended length, 0, 2 or 8; -1 for the shortest form
 */
record WireFrame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked, int maskingKey,
		@Nullable Long declaredLength, int lengthOctets) {

	WireFrame withFin(boolean fin) {
		return new WireFrame(fin, this.rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				this.declaredLength, this.lengthOctets);
	}

	WireFrame withRsv(int rsv) {
		return new WireFrame(this.fin, rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				this.declaredLength, this.lengthOctets);
	}

	WireFrame withMask(boolean masked, int maskingKey) {
		return new WireFrame(this.fin, this.rsv, this.opcode, this.payload, masked, maskingKey, this.declaredLength,
				this.lengthOctets);
	}

	WireFrame withDeclaredLength(long declaredLength) {
		return new WireFrame(this.fin, this.rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				declaredLength, this.lengthOctets);
	}

	WireFrame withLengthOctets(int lengthOctets) {
		return new WireFrame(this.fin, this.rsv, this.opcode, this.payload, this.masked, this.maskingKey,
				this.declaredLength, lengthOctets);
	}

	/** The whole frame: header, then the payload, masked when MASK is set. */
	byte[] bytes() {
		long length = (this.declaredLength != null) ? this.declaredLength : this.payload.length;
		int octets = (this.lengthOctets >= 0) ? this.lengthOctets : shortestForm(length);
		ByteArrayOutputStream out = new ByteArrayOutputStream(14 + this.payload.length);
		out.write((this.fin ? 0x80 : 0) | (this.rsv << 4) | this.opcode);
		int mask = this.masked ? 0x80 : 0;
		switch (octets) {
			case 0 -> out.write(mask | (int) (length & 0x7F));
			case 2 -> {
				out.write(mask | 126);
				writeBigEndian(out, length, 2);
			}
			default -> {
				out.write(mask | 127);
				writeBigEndian(out, length, 8);
			}
		}
		if (this.masked) {
			writeBigEndian(out, this.maskingKey, 4);
			out.writeBytes(mask(this.payload, this.maskingKey));
		}
		else {
			out.writeBytes(this.payload);
		}
		return out.toByteArray();
	}

	/** Byte {@code i} XOR byte {@code i % 4} of the key, most significant first (RFC 6455 §5.3). */
	private static byte[] mask(byte[] data, int maskingKey) {
		byte[] result = new byte[data.length];
		for (int i = 0; i < data.length; i++) {
			result[i] = (byte) (data[i] ^ (maskingKey >>> (24 - 8 * (i % 4))));
		}
		return result;
	}

	/** The form a well-behaved sender uses, the length read as unsigned as on the wire. */
	private static int shortestForm(long length) {
		if (Long.compareUnsigned(length, 125) <= 0) {
			return 0;
		}
		return (Long.compareUnsigned(length, 0xFFFF) <= 0) ? 2 : 8;
	}

	private static void writeBigEndian(ByteArrayOutputStream out, long value, int octets) {
		for (int i = octets - 1; i >= 0; i--) {
			out.write((int) (value >>> (8 * i)) & 0xFF);
		}
	}

}
