package dev.wsboot.endpoint;

import dev.wsboot.server.PreparedMessage;

import org.springframework.core.ResolvableType;

/**
 * Reads messages into objects of the types endpoint methods take, and writes objects the
 * methods return or send into messages. Declare a bean of this type to add a format; the
 * codecs are asked in {@code @Order} and the first that can, does. The standard one is JSON,
 * with the application's own {@code JsonMapper}, for text messages.
 *
 * <p>Used from any thread; must be thread-safe. Text ({@link String}, {@link CharSequence})
 * and bytes ({@code byte[]}, {@link java.nio.ByteBuffer}) never go through a codec.
 */
public interface WsMessageCodec {

	/** Whether messages come as text or as binary frames. */
	enum Format {

		/** Text frames: the message arrives as a {@code String}. */
		TEXT,

		/** Binary frames: the message arrives as a {@code byte[]}. */
		BINARY

	}

	/** Whether this codec reads messages of {@code format} into {@code type}; asked at start. */
	boolean canDecode(ResolvableType type, Format format);

	/**
	 * Reads a message into {@code type}.
	 * @param message a {@code String} for {@link Format#TEXT}, a {@code byte[]} for
	 * {@link Format#BINARY}
	 * @throws WsDecodeException when the message is malformed or does not fit the type (1007),
	 * or names a type that is not there (1003)
	 */
	Object decode(Object message, ResolvableType type);

	/** Whether this codec writes objects of {@code type}; asked at start for declared return types. */
	boolean canEncode(Class<?> type);

	/** Writes an object into a message, framed once so it can go to one session or many. */
	PreparedMessage encode(Object value);

}
