package dev.wsboot.protocol;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.extension.Extensions;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket protocol of one connection after the handshake, both directions, free of
 * I/O: the transport pushes received bytes in with {@link #receive(ByteBuffer)}, hears
 * about messages through a {@link ProtocolListener}, sends through the {@code send}
 * methods and {@link #close(CloseStatus)}, and pulls the bytes to write out of the
 * {@link OutboundBuffer}. It then asks the engine what to do next:
 * {@link #isInputPaused()}, {@link #isTcpCloseExpected()}.
 *
 * <p>It holds the one close state of the connection (RFC 6455 §7): whether a close frame
 * was sent, whether one was received, whether the peer broke the protocol. This is the one
 * place that turns a protocol error into a close frame, answers pings and closes, and
 * refuses data after a close was sent (§5.5.1).
 *
 * <p>A close frame can be held back: a server whose handlers run on other threads wants the
 * replies to the messages it took before a close (the peer's, one for a protocol error, or
 * its own, such as at shutdown) to go out first, so it releases the frame with
 * {@link #releaseHeldClose()} once those handler calls are done. Data received after the
 * decision is dropped; data sent meanwhile goes out before the close frame.
 *
 * <p>Not thread-safe: one thread at a time, in practice the connection's I/O thread.
 */
public final class ProtocolEngine {

	/** Where the connection stands in the closing handshake. */
	public enum State {

		/** Neither side has sent a close frame. */
		OPEN,

		/** A close frame was sent or received (or the peer broke the protocol), not both. */
		CLOSING,

		/** The closing handshake is over: the TCP connection is to be closed. */
		CLOSED

	}

	static final byte INPUT_OPEN = 0;

	static final byte INPUT_CLOSED = 1;

	static final byte INPUT_FAILED = 2;

	// Read and changed by the engine's input side, FrameReceiver, and by the rules of its closing
	// handshake, ClosingHandshake, which alone changes the close state: both are stateless, so
	// that a connection pays for this one object.

	final FrameCodec codec;

	/**
	 * Made when bytes arrive and let go again by {@link #trim()} between frames: an idle
	 * connection holds none.
	 */
	@Nullable FrameDecoder decoder;

	final Extensions extensions;

	final WebSocketLimits limits;

	/** Made with the first data frame: a connection that never sends a message holds none. */
	@Nullable MessageAssembler assembler;

	final ProtocolListener listener;

	final OutboundSink output;

	final boolean holdCloseReplies;

	boolean closeSent;

	/**
	 * How input ended: {@link #INPUT_OPEN} while it has not, {@link #INPUT_CLOSED} after the
	 * peer's close frame, {@link #INPUT_FAILED} when the peer broke the protocol or the
	 * server gave up on it (no reply awaited). One byte rather than a status and a flag: an
	 * engine lives as long as its connection, so its size is what an idle connection costs.
	 */
	byte inputEnd;

	/** The payload of a close frame held until {@link #releaseHeldClose()}. */
	byte @Nullable [] heldClose;

	private boolean inputPaused;

	/**
	 * @param codec makes the decoder of the client's frames, allowing the extensions'
	 * reserved bits, when bytes arrive, and encodes the server's frames
	 * @param extensions the agreed extensions, {@link Extensions#NONE} for none
	 * @param limits the message size limit to enforce
	 * @param listener hears what is received
	 * @param output where frames to send are queued: a buffer, or a holder that makes one
	 * when there is something to send
	 * @param holdCloseReplies whether replies to a close or a protocol error wait for
	 * {@link #releaseHeldClose()}
	 */
	public ProtocolEngine(FrameCodec codec, Extensions extensions, WebSocketLimits limits, ProtocolListener listener,
			OutboundSink output, boolean holdCloseReplies) {
		this.codec = codec;
		if (extensions.reservedBits() != 0) {
			// Made now, so that a codec that cannot carry the extensions' bits fails the upgrade, not the first frame.
			this.decoder = codec.newDecoder(limits, extensions.reservedBits());
		}
		this.extensions = extensions;
		this.limits = limits;
		this.listener = listener;
		this.output = output;
		this.holdCloseReplies = holdCloseReplies;
	}

	// ---- input ----

	/**
	 * Processes the bytes of {@code in}. Never throws for bad input: a violation ends in
	 * {@link ProtocolListener#onProtocolError}. Every byte is taken unless the input was
	 * paused meanwhile ({@link #pauseInput()}): then the bytes after the last whole frame
	 * are left in {@code in}, for the caller to keep and hand over again once resumed.
	 */
	public void receive(ByteBuffer in) {
		FrameReceiver.receive(this, in);
	}

	/** Stops processing input after the current frame, for back-pressure; see {@link #receive}. */
	public void pauseInput() {
		this.inputPaused = true;
	}

	/** Lets input be processed again. */
	public void resumeInput() {
		this.inputPaused = false;
	}

	public boolean isInputPaused() {
		return this.inputPaused;
	}

	/** Whether the peer's close arrived or the peer broke the protocol: input is over. */
	public boolean isInputDone() {
		return this.inputEnd != INPUT_OPEN;
	}

	// ---- output ----

	/**
	 * Queues a text message given as its UTF-8 bytes.
	 * @return false when a close frame was sent already, so no data may follow (RFC 6455 §5.5.1)
	 */
	public boolean sendText(byte[] utf8, int offset, int length) {
		return sendMessage(Opcode.TEXT, utf8, offset, length);
	}

	/**
	 * Queues a binary message.
	 * @return false when a close frame was sent already
	 */
	public boolean sendBinary(byte[] data, int offset, int length) {
		return sendMessage(Opcode.BINARY, data, offset, length);
	}

	/**
	 * Queues a message encoded once for many connections: its {@code standardFrame} (the
	 * frame as {@link Rfc6455FrameEncoder} writes it, never modified) is shared when this
	 * connection encodes that way, else the payload is encoded for it.
	 * @return false when a close frame was sent already
	 */
	public boolean sendShared(Opcode opcode, byte[] payload, ByteBuffer standardFrame) {
		if (this.closeSent) {
			return false;
		}
		FrameWriter.shared(this.codec.encoder(), this.extensions, this.output.outboundBuffer(), opcode, payload,
				standardFrame);
		return true;
	}

	private boolean sendMessage(Opcode opcode, byte[] payload, int offset, int length) {
		if (this.closeSent) {
			return false;
		}
		FrameWriter.message(this.codec.encoder(), this.extensions, this.output.outboundBuffer(), opcode, payload,
				offset, length);
		return true;
	}

	/**
	 * Queues a ping (at most 125 bytes).
	 * @return false once the closing handshake has begun: a ping then gets no answer
	 */
	public boolean sendPing(byte[] payload) {
		if (this.closeSent || isInputDone()) {
			return false;
		}
		queueControl(Opcode.PING, payload);
		return true;
	}

	/**
	 * Starts the closing handshake with {@code status}; a close frame held back is sent
	 * instead, since it is this side's close.
	 * @return false when a close frame was sent already
	 */
	public boolean close(CloseStatus status) {
		return ClosingHandshake.close(this, status);
	}

	/**
	 * Decides to close with {@code status} now, holding the close frame back until
	 * {@link #releaseHeldClose()}: data received from now on is dropped, data sent meanwhile
	 * goes out first.
	 * @return false when a close frame was sent or decided already
	 */
	public boolean closeLater(CloseStatus status) {
		return ClosingHandshake.closeLater(this, status);
	}

	/** Sends the close frame held back, if any; see the class description. */
	public void releaseHeldClose() {
		ClosingHandshake.releaseHeldClose(this);
	}

	/**
	 * Gives up on the peer, for a reason of the server's such as a peer that does not read:
	 * drops what is queued but the rest of a frame already partly written, sends a close
	 * frame with {@code status} unless one was sent, and stops processing input. The
	 * connection is then to be closed once that is written, without waiting for a reply.
	 * @return the bytes dropped from the output
	 */
	public long abort(CloseStatus status) {
		return ClosingHandshake.abort(this, status);
	}

	/** Queues a control frame: a ping, the pong that answers one, or a close. */
	void queueControl(Opcode opcode, byte[] payload) {
		FrameWriter.control(this.codec.encoder(), this.output.outboundBuffer(), opcode, payload);
	}

	// ---- state ----

	/** Where the closing handshake stands. */
	public State state() {
		if (isTcpCloseExpected()) {
			return State.CLOSED;
		}
		return (this.closeSent || this.heldClose != null || isInputDone()) ? State.CLOSING : State.OPEN;
	}

	/** Whether this side's close frame is queued; no data may follow it. */
	public boolean isCloseSent() {
		return this.closeSent;
	}

	/**
	 * Whether the peer's close frame arrived; its status went to
	 * {@link ProtocolListener#onCloseReceived}.
	 */
	public boolean isCloseReceived() {
		return this.inputEnd == INPUT_CLOSED;
	}

	/** Whether a close frame is held back, waiting for {@link #releaseHeldClose()}. */
	public boolean isCloseHeld() {
		return this.heldClose != null;
	}

	/**
	 * Whether the TCP connection is to be closed once the output is written: both close
	 * frames were exchanged (RFC 6455 §7.1.1: the server closes first), or this side sent
	 * its close after the connection failed, so no reply is awaited.
	 */
	public boolean isTcpCloseExpected() {
		return this.closeSent && isInputDone();
	}

	/**
	 * Lets go of the decoder and the message assembler while they hold nothing of a frame or
	 * a message, for a connection gone quiet to cost as little as one never used; they are
	 * made again when bytes arrive.
	 */
	public void trim() {
		FrameReceiver.trim(this);
	}

	/** Releases what the negotiated extensions hold outside the heap; the connection has ended. */
	public void release() {
		this.extensions.release();
	}

}
