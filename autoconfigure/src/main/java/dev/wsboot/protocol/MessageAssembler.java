package dev.wsboot.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Joins data frames into messages (RFC 6455 §5.4), enforcing the fragmentation rules, the
 * message size limit and, for text, UTF-8 as the bytes arrive (RFC 6455 §8.1).
 *
 * <p>An unfragmented message is delivered with the frame's own payload, without a copy;
 * only fragmented messages are assembled into a buffer, which grows with what arrives.
 */
public final class MessageAssembler {

	private final WebSocketLimits limits;

	private final Utf8Validator utf8 = new Utf8Validator();

	/** TEXT or BINARY while a fragmented message is open, else null. */
	private @Nullable Opcode messageType;

	private byte[] buffer = Frame.EMPTY;

	private int size;

	/** Bytes of the frame now arriving that were already checked as UTF-8 while partial. */
	private int validatedOfCurrentFrame;

	public MessageAssembler(WebSocketLimits limits) {
		this.limits = limits;
	}

	/**
	 * Accepts a complete data frame (TEXT, BINARY or CONTINUATION) and reports a message
	 * to the listener when the frame completes one.
	 * @throws ProtocolException 1002 for a fragmentation error, 1007 for invalid UTF-8,
	 * 1009 for a message over the limit
	 */
	public void onDataFrame(Frame frame, ProtocolListener listener) {
		Opcode type = checkSequence(frame.opcode());
		byte[] payload = frame.payload();
		if ((long) this.size + payload.length > this.limits.maxMessageSize()) {
			throw ProtocolException.messageTooBig("Message exceeds the limit of " + this.limits.maxMessageSize() + " bytes");
		}
		if (type == Opcode.TEXT) {
			validateUtf8(payload, this.validatedOfCurrentFrame, payload.length - this.validatedOfCurrentFrame);
		}
		this.validatedOfCurrentFrame = 0;
		if (frame.fin() && this.messageType == null) {
			deliver(type, payload, payload.length, listener);
			return;
		}
		append(payload);
		this.messageType = type;
		if (frame.fin()) {
			byte[] message = (this.buffer.length == this.size) ? this.buffer : Arrays.copyOf(this.buffer, this.size);
			this.messageType = null;
			this.buffer = Frame.EMPTY;
			this.size = 0;
			deliver(type, message, message.length, listener);
		}
	}

	/**
	 * Checks the part of a text frame that has arrived so far, so that invalid UTF-8 fails
	 * the connection as soon as it is seen rather than when the frame ends.
	 * @throws ProtocolException 1007 for invalid UTF-8, 1002 for a fragmentation error
	 */
	public void onPartialFrame(FrameDecoder decoder) {
		Opcode opcode = decoder.partialOpcode();
		if (opcode == null || opcode.isControl()) {
			return;
		}
		if (checkSequence(opcode) != Opcode.TEXT) {
			return;
		}
		int received = decoder.partialLength();
		validateUtf8(decoder.partialPayload(), this.validatedOfCurrentFrame, received - this.validatedOfCurrentFrame);
		this.validatedOfCurrentFrame = received;
	}

	/** Whether a fragmented message has started and not yet ended. */
	public boolean isMessageOpen() {
		return this.messageType != null;
	}

	/** Checks the frame's place in the message sequence and returns the message's type. */
	private Opcode checkSequence(Opcode opcode) {
		if (opcode == Opcode.CONTINUATION) {
			// RFC 6455 §5.4: a fragmented message starts with a non-continuation frame.
			if (this.messageType == null) {
				throw ProtocolException.protocolError("Continuation frame with no message to continue");
			}
			return this.messageType;
		}
		// RFC 6455 §5.4: fragments of one message MUST NOT be interleaved with another's.
		if (this.messageType != null) {
			throw ProtocolException.protocolError("New data frame while a fragmented message is open");
		}
		return opcode;
	}

	private void validateUtf8(byte[] bytes, int offset, int length) {
		if (!this.utf8.validate(bytes, offset, length)) {
			throw ProtocolException.invalidPayload("Text message is not valid UTF-8");
		}
	}

	private void append(byte[] payload) {
		int needed = this.size + payload.length;
		if (needed > this.buffer.length) {
			int capacity = Math.max(needed, Math.min(this.buffer.length * 2, this.limits.maxMessageSize()));
			this.buffer = Arrays.copyOf(this.buffer, capacity);
		}
		System.arraycopy(payload, 0, this.buffer, this.size, payload.length);
		this.size = needed;
	}

	private void deliver(Opcode type, byte[] data, int length, ProtocolListener listener) {
		if (type == Opcode.TEXT) {
			// RFC 6455 §8.1: a text message ending inside a character is invalid UTF-8.
			boolean complete = this.utf8.isComplete();
			this.utf8.reset();
			if (!complete) {
				throw ProtocolException.invalidPayload("Text message ends inside a UTF-8 sequence");
			}
			listener.onText(new String(data, 0, length, StandardCharsets.UTF_8), length);
		}
		else {
			listener.onBinary(data);
		}
	}

}
