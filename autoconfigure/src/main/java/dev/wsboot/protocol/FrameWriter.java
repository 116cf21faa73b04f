package dev.wsboot.protocol;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.extension.Extensions;
import dev.wsboot.protocol.extension.OutboundMessage;

/**
 * Encodes what a {@link ProtocolEngine} sends into its {@link OutboundBuffer}, keeping no
 * state of its own: messages pass
 * through the agreed extensions, then the {@link FrameEncoder}; control frames go straight
 * to the encoder. Small payloads are copied behind their header into one array, large ones
 * stay where they are, and a frame shared by many connections is queued as it is when this
 * connection would encode it the same way.
 */
final class FrameWriter {

	/** Payloads up to this size are copied behind their header into one array. */
	private static final int COPY_THRESHOLD = 8 * 1024;

	private FrameWriter() {
	}

	/** Queues a message as one final frame. */
	static void message(FrameEncoder encoder, Extensions extensions, OutboundBuffer output, Opcode opcode,
			byte[] payload, int offset, int length) {
		int rsv = 0;
		byte[] bytes = payload;
		int from = offset;
		int size = length;
		if (!extensions.isEmpty()) {
			OutboundMessage encoded = extensions.encode(new OutboundMessage(opcode, 0, payload, offset, length));
			rsv = encoded.rsv();
			bytes = encoded.payload();
			from = encoded.offset();
			size = encoded.length();
		}
		if (size <= COPY_THRESHOLD) {
			output.addFrame(ByteBuffer.wrap(encoder.encode(true, rsv, opcode, bytes, from, size)));
		}
		else {
			byte[] header = new byte[encoder.headerLength(size)];
			encoder.writeHeader(header, 0, true, rsv, opcode, size);
			output.addFrame(ByteBuffer.wrap(header));
			output.addContinuation(ByteBuffer.wrap(bytes, from, size));
		}
	}

	/**
	 * Queues a message encoded once for many connections: its {@code standardFrame}, as
	 * {@link Rfc6455FrameEncoder} writes it, when no extension transforms messages and the
	 * encoder is the standard one; otherwise the payload, encoded here.
	 */
	static void shared(FrameEncoder encoder, Extensions extensions, OutboundBuffer output, Opcode opcode,
			byte[] payload, ByteBuffer standardFrame) {
		if (extensions.isEmpty() && encoder instanceof Rfc6455FrameEncoder) {
			output.addFrame(standardFrame);
		}
		else {
			message(encoder, extensions, output, opcode, payload, 0, payload.length);
		}
	}

	/** Queues a control frame; extensions do not touch those (RFC 7692 §6). */
	static void control(FrameEncoder encoder, OutboundBuffer output, Opcode opcode, byte[] payload) {
		output.addFrame(ByteBuffer.wrap(encoder.encode(opcode, payload)));
	}

}
