package dev.wsboot.bench.load;

import java.nio.ByteBuffer;

/**
 * Incremental parser for frames sent by a server. Accepts bytes in any slicing, keeps at most
 * one frame header and one control payload, and hands data payloads on as they arrive, so a
 * 1 MiB message is never copied. Fragmented messages, control frames between fragments and
 * 7/16/64-bit lengths are handled; violations of RFC 6455 fail the connection.
 */
final class FrameParser {

	/** Receives what the parser finds. Methods may throw to give the connection up. */
	interface Sink {

		/** The first frame of a text or binary message starts. */
		void onDataStart(int opcode) throws ConnectionFailure;

		/** Part of the current message's payload: the buffer's remaining bytes, to read but not keep. */
		void onDataPayload(ByteBuffer chunk) throws ConnectionFailure;

		/** The final fragment of the current message ended. */
		void onDataEnd() throws ConnectionFailure;

		/** A whole ping, pong or close frame; {@code payload} is reused after the call. */
		void onControl(int opcode, byte[] payload, int length) throws ConnectionFailure;
	}

	private final byte[] header = new byte[10];

	private int headerFill;

	private int headerLength = 2;

	private boolean inPayload;

	private boolean fin;

	private int opcode;

	private long remaining;

	private boolean inMessage;

	private final byte[] control = new byte[125];

	private int controlFill;

	/** Consumes all of {@code in}. */
	void feed(ByteBuffer in, Sink sink) throws ConnectionFailure {
		while (in.hasRemaining()) {
			if (!this.inPayload) {
				if (!readHeader(in)) {
					return;
				}
				startFrame(sink);
				if (this.remaining == 0) {
					endFrame(sink);
					continue;
				}
			}
			int n = (int) Math.min(this.remaining, in.remaining());
			if (isControl(this.opcode)) {
				in.get(this.control, this.controlFill, n);
				this.controlFill += n;
			}
			else {
				int start = in.position();
				int limit = in.limit();
				in.limit(start + n);
				sink.onDataPayload(in);
				in.limit(limit);
				in.position(start + n);
			}
			this.remaining -= n;
			if (this.remaining == 0) {
				endFrame(sink);
			}
		}
	}

	private boolean readHeader(ByteBuffer in) {
		while (this.headerFill < this.headerLength && in.hasRemaining()) {
			this.header[this.headerFill++] = in.get();
			if (this.headerFill == 2) {
				int length7 = this.header[1] & 0x7F;
				this.headerLength = (length7 == 126) ? 4 : (length7 == 127) ? 10 : 2;
			}
		}
		return this.headerFill == this.headerLength;
	}

	private void startFrame(Sink sink) throws ConnectionFailure {
		int b0 = this.header[0] & 0xFF;
		int b1 = this.header[1] & 0xFF;
		// RFC 6455 §5.2: RSV1-3 MUST be 0 unless an extension defining them was negotiated (none is).
		if ((b0 & 0x70) != 0) {
			throw ConnectionFailure.protocol("reserved bits set: 0x" + Integer.toHexString(b0));
		}
		// §5.1: a client MUST close the connection if it detects a masked frame.
		if ((b1 & 0x80) != 0) {
			throw ConnectionFailure.protocol("server sent a masked frame");
		}
		this.fin = (b0 & 0x80) != 0;
		this.opcode = b0 & 0x0F;
		long length = payloadLength(b1 & 0x7F);
		switch (this.opcode) {
			case 0x0 -> {
				if (!this.inMessage) {
					throw ConnectionFailure.protocol("continuation frame with no message to continue");
				}
			}
			case MaskedFrameWriter.OPCODE_TEXT, MaskedFrameWriter.OPCODE_BINARY -> {
				if (this.inMessage) {
					throw ConnectionFailure.protocol("new message started before the previous one ended");
				}
				this.inMessage = true;
				sink.onDataStart(this.opcode);
			}
			case MaskedFrameWriter.OPCODE_CLOSE, MaskedFrameWriter.OPCODE_PING, MaskedFrameWriter.OPCODE_PONG -> {
				// §5.5: control frames MUST have a payload of 125 bytes or less and MUST NOT be fragmented.
				if (!this.fin || length > 125) {
					throw ConnectionFailure.protocol("fragmented or oversized control frame, opcode " + this.opcode);
				}
				this.controlFill = 0;
			}
			default -> throw ConnectionFailure.protocol("reserved opcode " + this.opcode);
		}
		this.remaining = length;
		this.inPayload = true;
		this.headerFill = 0;
		this.headerLength = 2;
	}

	private long payloadLength(int length7) throws ConnectionFailure {
		if (length7 == 126) {
			return ((this.header[2] & 0xFF) << 8) | (this.header[3] & 0xFF);
		}
		if (length7 == 127) {
			long length = 0;
			for (int i = 2; i < 10; i++) {
				length = (length << 8) | (this.header[i] & 0xFF);
			}
			// §5.2: the most significant bit of a 64-bit length MUST be 0.
			if (length < 0) {
				throw ConnectionFailure.protocol("64-bit payload length with the top bit set");
			}
			return length;
		}
		return length7;
	}

	private void endFrame(Sink sink) throws ConnectionFailure {
		this.inPayload = false;
		if (isControl(this.opcode)) {
			sink.onControl(this.opcode, this.control, this.controlFill);
		}
		else if (this.fin) {
			this.inMessage = false;
			sink.onDataEnd();
		}
	}

	private static boolean isControl(int opcode) {
		return (opcode & 0x8) != 0;
	}
}
