package dev.wsboot.protocol;

/**
 * The standard {@link FrameCodec}: {@link Rfc6455FrameDecoder} for client frames and
 * {@link Rfc6455FrameEncoder} for server frames, which leave reserved bits to the negotiated extensions.
 */
public final class Rfc6455FrameCodec implements FrameCodec {

	private final FrameEncoder encoder = new Rfc6455FrameEncoder();

	@Override
	public FrameDecoder newDecoder(WebSocketLimits limits) {
		return new Rfc6455FrameDecoder(limits);
	}

	@Override
	public FrameDecoder newDecoder(WebSocketLimits limits, int extensionBits) {
		return new Rfc6455FrameDecoder(limits, extensionBits);
	}

	@Override
	public FrameEncoder encoder() {
		return this.encoder;
	}

}
