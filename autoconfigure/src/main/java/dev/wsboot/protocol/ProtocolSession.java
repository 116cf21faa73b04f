package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The protocol side of one connection after the handshake, free of I/O: bytes go in through
 * {@link #receive(ByteBuffer)}, messages and events come out through a
 * {@link ProtocolListener}, and the frames the protocol itself answers with (pong, close)
 * go out through a {@link FrameSender}.
 *
 * <p>This is the one place that turns protocol errors into a close: a violation sends a
 * close frame with the error's code, and nothing the peer sends afterwards is processed.
 * {@link #receive} is called by one thread at a time; {@link #close(CloseStatus)} and
 * {@link #isCloseSent()} may be called from any thread.
 */
public final class ProtocolSession {

	private final FrameDecoder decoder;

	private final MessageAssembler assembler;

	private final ProtocolListener listener;

	private final FrameSender sender;

	private final AtomicBoolean closeSent = new AtomicBoolean();

	/** Set once the peer closed or failed; written by the reading thread only. */
	private volatile boolean inputDone;

	public ProtocolSession(FrameDecoder decoder, WebSocketLimits limits, ProtocolListener listener, FrameSender sender) {
		this.decoder = decoder;
		this.assembler = new MessageAssembler(limits);
		this.listener = listener;
		this.sender = sender;
	}

	/**
	 * Processes everything in {@code in}, consuming all of it. Never throws for bad input:
	 * violations end in {@link ProtocolListener#onProtocolError}.
	 */
	public void receive(ByteBuffer in) {
		try {
			Frame frame;
			while (!this.inputDone && (frame = this.decoder.decode(in)) != null) {
				onFrame(frame);
			}
			// Data after our close frame is ignored, so a partial one is not checked either.
			if (!this.inputDone && !this.closeSent.get()) {
				this.assembler.onPartialFrame(this.decoder);
			}
		}
		catch (ProtocolException ex) {
			fail(ex);
		}
		// RFC 6455 §5.5.1: after a close frame, the peer sends no more data; we read none.
		if (this.inputDone) {
			in.position(in.limit());
		}
	}

	private void onFrame(Frame frame) {
		switch (frame.opcode()) {
			case TEXT, BINARY, CONTINUATION -> {
				if (!this.closeSent.get()) {
					this.assembler.onDataFrame(frame, this.listener);
				}
			}
			case PING -> {
				// RFC 6455 §5.5.2: a Pong MUST be sent in response, with the same payload,
				// unless a Close frame has already been sent.
				if (!this.closeSent.get()) {
					this.sender.sendControl(Opcode.PONG, frame.payload());
				}
				this.listener.onPing(frame.payload());
			}
			case PONG -> this.listener.onPong(frame.payload());
			case CLOSE -> onClose(CloseStatus.parse(frame.payload()));
		}
	}

	private void onClose(CloseStatus status) {
		this.inputDone = true;
		// RFC 6455 §5.5.1: the endpoint MUST send a Close frame in response, typically
		// echoing the status code it received.
		if (this.closeSent.compareAndSet(false, true)) {
			byte[] echo = (status.code() == CloseCodes.NO_STATUS) ? Frame.EMPTY : CloseStatus.of(status.code()).toPayload();
			this.sender.sendControl(Opcode.CLOSE, echo);
		}
		this.listener.onCloseReceived(status);
	}

	private void fail(ProtocolException ex) {
		this.inputDone = true;
		if (this.closeSent.compareAndSet(false, true)) {
			this.sender.sendControl(Opcode.CLOSE, ex.toCloseStatus().toPayload());
		}
		this.listener.onProtocolError(ex);
	}

	/**
	 * Starts the closing handshake from this side.
	 * @return true if this call sent the close frame, false if one was already sent
	 */
	public boolean close(CloseStatus status) {
		if (this.closeSent.compareAndSet(false, true)) {
			this.sender.sendControl(Opcode.CLOSE, status.toPayload());
			return true;
		}
		return false;
	}

	/** Whether a close frame has been sent; no data frame may follow it (RFC 6455 §5.5.1). */
	public boolean isCloseSent() {
		return this.closeSent.get();
	}

	/** The payload length in bytes of the message most recently delivered to the listener. */
	public int lastMessageLength() {
		return this.assembler.lastMessageLength();
	}

	/** Whether the peer's close frame arrived or the peer broke the protocol. */
	public boolean isInputDone() {
		return this.inputDone;
	}

}
