package dev.wsboot.server;

import java.nio.ByteBuffer;

/**
 * Turns an object an application sends into a message, once, so that it can go to one
 * session or to many: see {@link WsSession#send(Object)}. A Spring application's endpoints
 * use its message codecs (JSON by default); {@link #STANDARD} knows text and bytes only.
 */
@FunctionalInterface
public interface WsMessageEncoder {

	/**
	 * Text for a {@link CharSequence}, binary for {@code byte[]} and {@link ByteBuffer}, and a
	 * {@link PreparedMessage} as it is.
	 */
	WsMessageEncoder STANDARD = (message) -> {
		if (message instanceof PreparedMessage prepared) {
			return prepared;
		}
		if (message instanceof CharSequence text) {
			return PreparedMessage.text(text);
		}
		if (message instanceof byte[] bytes) {
			return PreparedMessage.binary(bytes);
		}
		if (message instanceof ByteBuffer buffer) {
			byte[] bytes = new byte[buffer.remaining()];
			buffer.duplicate().get(bytes);
			return PreparedMessage.binary(bytes);
		}
		throw new IllegalArgumentException("No encoder for a " + message.getClass().getName()
				+ "; send text, bytes, or configure a message codec for it");
	};

	/**
	 * The message for {@code message}.
	 * @throws IllegalArgumentException when it cannot be encoded
	 */
	PreparedMessage encode(Object message);

}
