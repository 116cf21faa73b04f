package dev.wsboot.endpoint.json;

import java.nio.ByteBuffer;

import dev.wsboot.endpoint.WsDecodeException;
import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.server.PreparedMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidTypeIdException;

import org.springframework.core.ResolvableType;

/**
 * Reads text messages as JSON into the types endpoint methods take, and writes what they
 * return or send as JSON text, with the application's own mapper, so that its modules,
 * naming strategy and {@code spring.jackson.*} settings apply to WebSocket messages as they
 * do to HTTP bodies.
 *
 * <p>A message that is not JSON, or does not fit the type (a missing required property, a
 * string where a number belongs, no type id where the type needs one), is invalid data: 1007.
 * One whose type id names no known subtype is a message the endpoint does not support: 1003.
 * A type the mapper cannot handle at all is the application's mistake, not the client's, and
 * fails as such.
 */
public class JacksonMessageCodec implements WsMessageCodec {

	private final ObjectMapper mapper;

	public JacksonMessageCodec(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/** Text messages into any type but text and bytes, which endpoints take as they are. */
	@Override
	public boolean canDecode(ResolvableType type, Format format) {
		Class<?> resolved = type.resolve();
		return format == Format.TEXT && resolved != null && !isRaw(resolved);
	}

	@Override
	public Object decode(Object message, ResolvableType type) {
		JavaType javaType = this.mapper.constructType(type.getType());
		try {
			Object value = this.mapper.readValue((String) message, javaType);
			if (value == null) {
				throw WsDecodeException.invalid("Expected a JSON " + javaType.getRawClass().getSimpleName()
						+ ", got null", null);
			}
			return value;
		}
		catch (InvalidDefinitionException ex) {
			throw ex;
		}
		catch (InvalidTypeIdException ex) {
			if (ex.getTypeId() == null) {
				// Not a type the endpoint lacks, but a message that does not say which it is.
				throw WsDecodeException.invalid("Missing message type", ex);
			}
			throw WsDecodeException.unsupported("Unknown message type '" + ex.getTypeId() + "'", ex);
		}
		catch (StreamReadException ex) {
			throw WsDecodeException.invalid("Malformed JSON", ex);
		}
		catch (DatabindException ex) {
			throw WsDecodeException.invalid("JSON does not fit " + javaType.getRawClass().getSimpleName(), ex);
		}
	}

	@Override
	public boolean canEncode(Class<?> type) {
		return !isRaw(type);
	}

	@Override
	public PreparedMessage encode(Object value) {
		try {
			return PreparedMessage.textOfUtf8(this.mapper.writeValueAsBytes(value));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Could not write a " + value.getClass().getName() + " as JSON", ex);
		}
	}

	private static boolean isRaw(Class<?> type) {
		return CharSequence.class.isAssignableFrom(type) || type == byte[].class
				|| ByteBuffer.class.isAssignableFrom(type) || PreparedMessage.class.isAssignableFrom(type);
	}

}
