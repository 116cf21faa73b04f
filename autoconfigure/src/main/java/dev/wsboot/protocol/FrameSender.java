package dev.wsboot.protocol;

/**
 * Where a {@link ProtocolSession} sends the control frames it answers with (pong, close).
 * Implemented by the transport; must be safe to call from any thread.
 */
@FunctionalInterface
public interface FrameSender {

	/** Queues one final, unmasked frame for sending. */
	void sendControl(Opcode opcode, byte[] payload);

}
