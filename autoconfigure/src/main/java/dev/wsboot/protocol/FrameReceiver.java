package dev.wsboot.protocol;

import java.nio.ByteBuffer;

/**
 * The input side of a {@link ProtocolEngine}: decodes the received bytes into frames, hands
 * data frames through the agreed extensions to the {@link MessageAssembler}, answers pings,
 * and leaves close frames and protocol errors to the {@link ClosingHandshake}. Makes the
 * engine's decoder and assembler when bytes arrive, and lets them go between frames.
 *
 * <p>Keeps no state of its own, so that a connection pays for no object of this: the
 * engine's fields hold it.
 */
final class FrameReceiver {

	private FrameReceiver() {
	}

	/** See {@link ProtocolEngine#receive(ByteBuffer)}. */
	static void receive(ProtocolEngine engine, ByteBuffer in) {
		try {
			FrameDecoder frames = decoder(engine);
			Frame frame;
			while (!engine.isInputDone() && !engine.isInputPaused() && (frame = frames.decode(in)) != null) {
				onFrame(engine, frame);
			}
			// A frame still arriving is checked as far as it goes, to fail on bad UTF-8 early;
			// not when extensions may transform it, nor after our close (its data is ignored).
			if (!in.hasRemaining() && !engine.isInputDone() && !engine.isCloseSent() && engine.extensions.isEmpty()
					&& frames.partialOpcode() != null) {
				assembler(engine).onPartialFrame(frames);
			}
		}
		catch (ProtocolException ex) {
			ClosingHandshake.fail(engine, ex);
		}
		// RFC 6455 §5.5.1: after a close frame the peer sends nothing more; what it does send is dropped.
		if (engine.isInputDone()) {
			in.position(in.limit());
		}
	}

	private static void onFrame(ProtocolEngine engine, Frame frame) {
		switch (frame.opcode()) {
			case TEXT, BINARY, CONTINUATION -> {
				// RFC 6455 §1.4: after sending a close, an endpoint discards the data it receives;
				// so it does once it decided to, the close frame held back.
				if (!engine.isCloseSent() && !engine.isCloseHeld()) {
					Frame plain = engine.extensions.isEmpty() ? frame : engine.extensions.decode(frame);
					assembler(engine).onDataFrame(plain, engine.listener);
				}
			}
			case PING -> {
				// RFC 6455 §5.5.2: a Pong MUST be sent in response, with the same payload,
				// "unless it already received a Close frame", which input processing implies.
				engine.queueControl(Opcode.PONG, frame.payload());
				engine.listener.onPing(frame.payload());
			}
			case PONG -> engine.listener.onPong(frame.payload());
			case CLOSE -> ClosingHandshake.onCloseFrame(engine, CloseStatus.parse(frame.payload()));
		}
	}

	private static FrameDecoder decoder(ProtocolEngine engine) {
		FrameDecoder current = engine.decoder;
		if (current == null) {
			current = engine.codec.newDecoder(engine.limits, engine.extensions.reservedBits());
			engine.decoder = current;
		}
		return current;
	}

	private static MessageAssembler assembler(ProtocolEngine engine) {
		MessageAssembler current = engine.assembler;
		if (current == null) {
			current = new MessageAssembler(engine.limits);
			engine.assembler = current;
		}
		return current;
	}

	/** See {@link ProtocolEngine#trim()}. */
	static void trim(ProtocolEngine engine) {
		FrameDecoder current = engine.decoder;
		if (current != null && current.isBetweenFrames()) {
			engine.decoder = null;
		}
		MessageAssembler messages = engine.assembler;
		if (messages != null && engine.decoder == null && !messages.isMessageOpen()) {
			engine.assembler = null;
		}
	}

}
