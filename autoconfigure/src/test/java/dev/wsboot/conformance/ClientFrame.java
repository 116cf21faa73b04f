package dev.wsboot.conformance;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client frame exactly as it goes on the wire: masked with a random key, and with any
 * FIN, RSV, opcode or declared length a test asks for, legal or not.
 *
 * <p>Opcodes are plain integers so that reserved ones can be sent too. Instances are
 * immutable; the {@code with…} methods return changed copies.
 */
final class ClientFrame {

	static final int CONTINUATION = 0x0;

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	private final boolean fin;

	private final int rsv;

	private final int opcode;

	private final byte[] payload;

	/** The length put in the header; differs from the payload's when a test lies about it. */
	private final long declaredLength;

	private final boolean masked;

	private ClientFrame(boolean fin, int rsv, int opcode, byte[] payload, long declaredLength, boolean masked) {
		this.fin = fin;
		this.rsv = rsv;
		this.opcode = opcode;
		this.payload = payload;
		this.declaredLength = declaredLength;
		this.masked = masked;
	}

	/** A final frame with this opcode and payload. */
	static ClientFrame of(int opcode, byte[] payload) {
		return new ClientFrame(true, 0, opcode, payload, payload.length, true);
	}

	static ClientFrame text(String text) {
		return of(TEXT, utf8(text));
	}

	static ClientFrame text(byte[] payload) {
		return of(TEXT, payload);
	}

	static ClientFrame binary(byte[] payload) {
		return of(BINARY, payload);
	}

	static ClientFrame continuation(String text) {
		return of(CONTINUATION, utf8(text));
	}

	static ClientFrame continuation(byte[] payload) {
		return of(CONTINUATION, payload);
	}

	static ClientFrame ping(byte[] payload) {
		return of(PING, payload);
	}

	static ClientFrame ping(String payload) {
		return of(PING, utf8(payload));
	}

	static ClientFrame pong(byte[] payload) {
		return of(PONG, payload);
	}

	/** A close frame with no payload at all. */
	static ClientFrame close() {
		return of(CLOSE, new byte[0]);
	}

	/** A close frame with a status code and no reason. */
	static ClientFrame close(int code) {
		return close(code, new byte[0]);
	}

	/** A close frame with a status code and raw reason bytes, valid UTF-8 or not. */
	static ClientFrame close(int code, byte[] reason) {
		byte[] payload = new byte[2 + reason.length];
		payload[0] = (byte) (code >>> 8);
		payload[1] = (byte) code;
		System.arraycopy(reason, 0, payload, 2, reason.length);
		return of(CLOSE, payload);
	}

	/** The same frame with FIN clear: a fragment that is not the last. */
	ClientFrame notFinal() {
		return new ClientFrame(false, this.rsv, this.opcode, this.payload, this.declaredLength, this.masked);
	}

	/** The same frame with the three RSV bits set to {@code rsv} (RSV1 is 4, RSV2 2, RSV3 1). */
	ClientFrame withRsv(int rsv) {
		return new ClientFrame(this.fin, rsv, this.opcode, this.payload, this.declaredLength, this.masked);
	}

	/** The same frame without a mask, which RFC 6455 §5.1 forbids a client to send. */
	ClientFrame unmasked() {
		return new ClientFrame(this.fin, this.rsv, this.opcode, this.payload, this.declaredLength, false);
	}

	/**
	 * Only the header of a frame declaring {@code length} payload bytes, none of which is sent:
	 * for limits the server must enforce before reading or allocating the payload. The
	 * length is written in the 64-bit form when it does not fit 16 bits, unsigned.
	 */
	ClientFrame headerOnly(long length) {
		return new ClientFrame(this.fin, this.rsv, this.opcode, new byte[0], length, this.masked);
	}

	/** The header's length on the wire: 2, 4 or 10 bytes, plus 4 for the masking key. */
	int headerLength() {
		int base = (fitsIn7Bits()) ? 2 : (fitsIn16Bits()) ? 4 : 10;
		return base + (this.masked ? 4 : 0);
	}

	/** The frame's bytes: header, masking key and masked payload. */
	byte[] bytes() {
		byte[] frame = new byte[headerLength() + this.payload.length];
		frame[0] = (byte) ((this.fin ? 0x80 : 0) | (this.rsv << 4) | this.opcode);
		int maskBit = this.masked ? 0x80 : 0;
		int at;
		if (fitsIn7Bits()) {
			frame[1] = (byte) (maskBit | this.declaredLength);
			at = 2;
		}
		else if (fitsIn16Bits()) {
			frame[1] = (byte) (maskBit | 126);
			frame[2] = (byte) (this.declaredLength >>> 8);
			frame[3] = (byte) this.declaredLength;
			at = 4;
		}
		else {
			frame[1] = (byte) (maskBit | 127);
			for (int i = 0; i < 8; i++) {
				frame[2 + i] = (byte) (this.declaredLength >>> (56 - 8 * i));
			}
			at = 10;
		}
		if (!this.masked) {
			System.arraycopy(this.payload, 0, frame, at, this.payload.length);
			return frame;
		}
		byte[] key = new byte[4];
		ThreadLocalRandom.current().nextBytes(key);
		System.arraycopy(key, 0, frame, at, 4);
		at += 4;
		// RFC 6455 §5.3: octet i of the masked data is octet i of the payload XOR key[i % 4].
		for (int i = 0; i < this.payload.length; i++) {
			frame[at + i] = (byte) (this.payload[i] ^ key[i & 3]);
		}
		return frame;
	}

	private boolean fitsIn7Bits() {
		return this.declaredLength >= 0 && this.declaredLength <= 125;
	}

	private boolean fitsIn16Bits() {
		return this.declaredLength >= 0 && this.declaredLength <= 0xFFFF;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
