package dev.wsboot.endpoint;

import dev.wsboot.server.PreparedMessage;

import org.springframework.core.ResolvableType;

/**
 * Reads and writes {@link Point}s as {@code x,y}: an application's own format, for the tests
 * of codecs other than JSON.
 */
class PointCodec implements WsMessageCodec {

	@Override
	public boolean canDecode(ResolvableType type, Format format) {
		return type.toClass() == Point.class && format == Format.TEXT;
	}

	@Override
	public Object decode(Object message, ResolvableType type) {
		String[] parts = ((String) message).split(",");
		return new Point(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
	}

	@Override
	public boolean canEncode(Class<?> type) {
		return type == Point.class;
	}

	@Override
	public PreparedMessage encode(Object value) {
		Point point = (Point) value;
		return PreparedMessage.text(point.x() + "," + point.y());
	}

	/** A point, the type {@link PointCodec} reads and writes. */
	record Point(int x, int y) {
	}

}
