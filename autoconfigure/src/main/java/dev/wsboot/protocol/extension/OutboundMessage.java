package dev.wsboot.protocol.extension;

import dev.wsboot.protocol.Opcode;

/**
 * A message on its way to the frame encoder, as the extensions see and transform it.
 *
 * @param opcode {@link Opcode#TEXT} or {@link Opcode#BINARY}
 * @param rsv the reserved bits to set on its frame, RSV1 in the highest of three bits
 * @param payload the array holding the payload
 * @param offset where the payload starts in {@code payload}
 * @param length the payload's length
 */
public record OutboundMessage(Opcode opcode, int rsv, byte[] payload, int offset, int length) {

	public OutboundMessage {
		if (offset < 0 || length < 0 || offset + length > payload.length) {
			throw new IndexOutOfBoundsException("Payload range " + offset + "+" + length + " of " + payload.length);
		}
	}

}
