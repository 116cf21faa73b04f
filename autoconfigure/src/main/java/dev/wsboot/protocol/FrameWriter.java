package dev.wsboot.protocol;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.extension.Extensions;
import dev.wsboot.protocol.extension.OutboundMessage;

/**
 * Encodes what a {@link ProtocolEngine} sends into its {@link OutboundBuffer}: messages pass
 * through the agreed extensions, then the {@link FrameEncoder}; control frames go straight
 * to the encoder. Small payloads are copied behind their header into one array, large ones
 * stay where they are, and a frame shared by many connections is queued as it is when this
 * connection would encode it the same way.
 */
final class FrameWriter {

	/** Payloads up to this size are copied behind their header into one array. */
	private static final int COPY_THRESHOLD = 8 * 1024;

	private final FrameEncoder encoder;

	private final Extensions extensions;

	private final OutboundBuffer output;

	FrameWriter(FrameEncoder encoder, Extensions extensions, OutboundBuffer output) {
		this.encoder = encoder;
		this.extensions = extensions;
		this.output = output;
	}

	/** Queues a message as one final frame. */
	void message(Opcode opcode, byte[] payload, int offset, int length) {
		int rsv = 0;
		byte[] bytes = payload;
		int from = offset;
		int size = length;
		if (!this.extensions.isEmpty()) {
			OutboundMessage encoded = this.extensions.encode(new OutboundMessage(opcode, 0, payload, offset, length));
			rsv = encoded.rsv();
			bytes = encoded.payload();
			from = encoded.offset();
			size = encoded.length();
		}
		if (size <= COPY_THRESHOLD) {
			this.output.addFrame(ByteBuffer.wrap(this.encoder.encode(true, rsv, opcode, bytes, from, size)));
		}
		else {
			byte[] header = new byte[this.encoder.headerLength(size)];
			this.encoder.writeHeader(header, 0, true, rsv, opcode, size);
			this.output.addFrame(ByteBuffer.wrap(header));
			this.output.addContinuation(ByteBuffer.wrap(bytes, from, size));
		}
	}

	/**
	 * Queues a message encoded once for many connections: its {@code standardFrame}, as
	 * {@link Rfc6455FrameEncoder} writes it, when no extension transforms messages and the
	 * encoder is the standard one; otherwise the payload, encoded here.
	 */
	void shared(Opcode opcode, byte[] payload, ByteBuffer standardFrame) {
		if (this.extensions.isEmpty() && this.encoder instanceof Rfc6455FrameEncoder) {
			this.output.addFrame(standardFrame);
		}
		else {
			message(opcode, payload, 0, payload.length);
		}
	}

	/** Queues a control frame; extensions do not touch those (RFC 7692 §6). */
	void control(Opcode opcode, byte[] payload) {
		this.output.addFrame(ByteBuffer.wrap(this.encoder.encode(opcode, payload)));
	}

}
