package dev.wsboot.protocol;

/**
 * The frame codec: hands out a stateful {@link FrameDecoder} per connection and a shared,
 * stateless {@link FrameEncoder}. It is a bean an application may replace, for example to
 * trace frames; {@link Rfc6455FrameCodec} is the standard one.
 */
public interface FrameCodec {

	/** A new decoder for one connection, enforcing the given limits. */
	FrameDecoder newDecoder(WebSocketLimits limits);

	/** The encoder for server frames; shared by all connections. */
	FrameEncoder encoder();

}
