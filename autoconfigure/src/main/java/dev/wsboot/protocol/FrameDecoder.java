package dev.wsboot.protocol;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes a client sends into frames, incrementally: input may be split anywhere,
 * one byte at a time or many frames at once. One decoder per connection, used by one
 * thread at a time; obtained from {@link FrameCodec#newDecoder(WebSocketLimits)}.
 */
public interface FrameDecoder {

	/**
	 * Decodes the next frame from {@code in}.
	 * <p>When a frame is complete it is returned, and {@code in} is left positioned just
	 * after it. When more bytes are needed, {@code null} is returned and every remaining byte
	 * of {@code in} has been consumed and kept by the decoder, so the caller may reuse its
	 * buffer.
	 * @throws ProtocolException when the bytes break RFC 6455 or the limits
	 */
	@Nullable Frame decode(ByteBuffer in);

	/**
	 * The opcode of a frame whose header has arrived but not all of its payload, or
	 * {@code null}. Lets the caller check a text payload while it is still arriving.
	 */
	@Nullable Opcode partialOpcode();

	/** The unmasked payload received so far of the partial frame; valid until the next decode. */
	byte[] partialPayload();

	/** How many bytes of {@link #partialPayload()} have been received. */
	int partialLength();

	/**
	 * Whether the decoder holds nothing of a frame, not even part of a header: a connection
	 * gone quiet may then let it go and have a new one made when bytes come. The default
	 * says no, which keeps a decoder for the life of its connection.
	 */
	default boolean isBetweenFrames() {
		return false;
	}

}
