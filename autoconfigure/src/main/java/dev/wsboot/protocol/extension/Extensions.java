package dev.wsboot.protocol.extension;

import java.util.List;

import dev.wsboot.protocol.Frame;

/**
 * The extensions agreed for one connection, in the order of the handshake's response:
 * messages sent pass through them in that order, frames received in the reverse order
 * (RFC 6455 §9.1: "the order of operations on the data should be assumed to be the same as
 * the order in which the extensions are listed in the server's response").
 */
public final class Extensions {

	/** No extension: the connection's frames go straight between codec and assembler. */
	public static final Extensions NONE = new Extensions(new Extension[0], 0);

	private final Extension[] chain;

	private final int reservedBits;

	private Extensions(Extension[] chain, int reservedBits) {
		this.chain = chain;
		this.reservedBits = reservedBits;
	}

	/** The state of each agreed extension for a new connection. */
	public static Extensions of(List<ExtensionAgreement> agreements) {
		if (agreements.isEmpty()) {
			return NONE;
		}
		Extension[] chain = new Extension[agreements.size()];
		int reservedBits = 0;
		for (int i = 0; i < chain.length; i++) {
			ExtensionAgreement agreement = agreements.get(i);
			if ((reservedBits & agreement.reservedBits()) != 0) {
				throw new IllegalArgumentException("Two extensions use the same reserved bit: " + agreements);
			}
			reservedBits |= agreement.reservedBits();
			chain[i] = agreement.extension().get();
		}
		return new Extensions(chain, reservedBits);
	}

	/** The reserved bits frames may carry: those of every agreed extension. */
	public int reservedBits() {
		return this.reservedBits;
	}

	public boolean isEmpty() {
		return this.chain.length == 0;
	}

	/** A received data frame, undone by each extension from the last to the first. */
	public Frame decode(Frame frame) {
		Frame result = frame;
		for (int i = this.chain.length - 1; i >= 0; i--) {
			result = this.chain[i].decode(result);
		}
		return result;
	}

	/** A message to send, transformed by each extension in order. */
	public OutboundMessage encode(OutboundMessage message) {
		OutboundMessage result = message;
		for (Extension extension : this.chain) {
			result = extension.encode(result);
		}
		return result;
	}

	/** Releases every extension's state; the connection has ended. */
	public void release() {
		for (Extension extension : this.chain) {
			extension.release();
		}
	}

}
