package dev.wsboot.protocol.extension;

import dev.wsboot.protocol.Frame;
import dev.wsboot.protocol.ProtocolException;

/**
 * One negotiated extension on one connection: it sees every data frame received before
 * the message assembler does, and every message sent before the frame encoder does.
 * Control frames never pass through it (RFC 7692 §6: they are not transformed).
 *
 * <p>Used by the connection's I/O thread only, so it may keep state across messages, such
 * as a compression context. {@link #release()} is called once when the connection ends,
 * to free what the extension holds outside the heap.
 */
public interface Extension {

	/**
	 * Transforms a received data frame (text, binary or continuation). Frames of a message
	 * arrive in order; the result goes on to the next extension or the assembler.
	 * @throws ProtocolException when the frame breaks the extension's rules, for example
	 * reserved bits where they have no meaning
	 */
	Frame decode(Frame frame);

	/**
	 * Transforms a message about to be sent, as one final frame.
	 * @return the message to send, perhaps with this extension's reserved bits set
	 */
	OutboundMessage encode(OutboundMessage message);

	/** Frees what the extension holds; called once, when the connection ends. */
	default void release() {
	}

}
