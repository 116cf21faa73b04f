package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.util.List;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsMessageEncoder;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * The application's {@link WsMessageCodec message codecs}, in order, as endpoints use them:
 * the first that can read a type reads it, the first that can write a value writes it. Text
 * and bytes are sent as they are, without a codec.
 */
final class EndpointCodecs implements WsMessageEncoder {

	private final List<WsMessageCodec> codecs;

	EndpointCodecs(List<WsMessageCodec> codecs) {
		this.codecs = List.copyOf(codecs);
	}

	/** The codec that reads {@code format} messages into {@code type}, or {@code null}. */
	@Nullable WsMessageCodec decoderFor(ResolvableType type, WsMessageCodec.Format format) {
		for (WsMessageCodec codec : this.codecs) {
			if (codec.canDecode(type, format)) {
				return codec;
			}
		}
		return null;
	}

	/**
	 * Whether values of {@code type} can be sent: text, bytes, prepared messages, and what a
	 * codec writes. {@code Object} passes, to be judged by the value's class when it is sent.
	 */
	boolean canEncode(Class<?> type) {
		return isSentAsIs(type) || type == Object.class || encoderFor(type) != null;
	}

	private static boolean isSentAsIs(Class<?> type) {
		return CharSequence.class.isAssignableFrom(type) || type == byte[].class
				|| ByteBuffer.class.isAssignableFrom(type) || PreparedMessage.class.isAssignableFrom(type);
	}

	private @Nullable WsMessageCodec encoderFor(Class<?> type) {
		for (WsMessageCodec codec : this.codecs) {
			if (codec.canEncode(type)) {
				return codec;
			}
		}
		return null;
	}

	/** A message for any value: text and bytes as they are, anything else through a codec. */
	@Override
	public PreparedMessage encode(Object message) {
		if (isSentAsIs(message.getClass())) {
			return WsMessageEncoder.STANDARD.encode(message);
		}
		WsMessageCodec codec = encoderFor(message.getClass());
		if (codec == null) {
			throw new IllegalArgumentException("No message codec writes a " + message.getClass().getName());
		}
		return codec.encode(message);
	}

}
