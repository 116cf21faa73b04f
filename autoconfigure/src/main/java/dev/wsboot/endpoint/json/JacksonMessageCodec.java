package dev.wsboot.endpoint.json;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.endpoint.WsDecodeException;
import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.server.PreparedMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
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

	/**
	 * Readers by the type read, made once: a reader made for a type keeps its deserializer,
	 * which the mapper would otherwise look up on every message.
	 */
	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	/** Writers by the class written, made once for the same reason. */
	private final ClassValue<ObjectWriter> writers = new ClassValue<>() {

		@Override
		protected ObjectWriter computeValue(Class<?> type) {
			return JacksonMessageCodec.this.mapper.writerFor(type);
		}

	};

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
		ObjectReader reader = this.readers.computeIfAbsent(type.getType(),
				(key) -> this.mapper.readerFor(this.mapper.constructType(key)));
		JavaType javaType = reader.getValueType();
		try {
			Object value = reader.readValue((String) message);
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
				// A message that names no type is one of no type the endpoint handles.
				throw WsDecodeException.unsupported("Missing message type", ex);
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
			return PreparedMessage.textOfUtf8(this.writers.get(value.getClass()).writeValueAsBytes(value));
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
