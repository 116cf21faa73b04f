package dev.wsboot.protocol;

/**
 * The frame codec: hands out a stateful {@link FrameDecoder} per connection and a shared,
 * stateless {@link FrameEncoder}. It is a bean an application may replace, for example to
 * trace frames; {@link Rfc6455FrameCodec} is the standard one.
 */
public interface FrameCodec {

	/** A new decoder for one connection, enforcing the given limits. */
	FrameDecoder newDecoder(WebSocketLimits limits);

	/**
	 * A new decoder for one connection whose negotiated extensions own some reserved bits,
	 * which its data frames may then carry. A codec that cannot do this keeps the default,
	 * which refuses, so that no extension is agreed behind its back.
	 * @param extensionBits the reserved bits the extensions own, RSV1 as {@code 0b100}
	 */
	default FrameDecoder newDecoder(WebSocketLimits limits, int extensionBits) {
		if (extensionBits != 0) {
			throw new UnsupportedOperationException(getClass().getName() + " does not support extensions");
		}
		return newDecoder(limits);
	}

	/** The encoder for server frames; shared by all connections. */
	FrameEncoder encoder();

}
