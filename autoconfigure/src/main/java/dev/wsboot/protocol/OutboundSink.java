package dev.wsboot.protocol;

/**
 * Where a {@link ProtocolEngine} queues the frames it produces: an {@link OutboundBuffer}
 * itself, or a holder that makes one only when there is something to send, so that a
 * connection with nothing queued keeps no buffer at all.
 */
public interface OutboundSink {

	/** The buffer to queue frames in, made now if the holder had none. */
	OutboundBuffer outboundBuffer();

}
