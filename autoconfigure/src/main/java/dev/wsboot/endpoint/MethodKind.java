package dev.wsboot.endpoint;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;

import dev.wsboot.protocol.CloseStatus;

/**
 * The annotation an {@link EndpointMethod} carries, which decides the parameters it may
 * declare besides the {@link dev.wsboot.server.WsSession}.
 */
enum MethodKind {

	OPEN(OnOpen.class, "WsSession", "", Void.class),

	MESSAGE(OnMessage.class, "WsSession, plus one message parameter (String or CharSequence for text, "
			+ "byte[] or ByteBuffer for binary)", "message", Void.class),

	CLOSE(OnClose.class, "WsSession and CloseStatus", "CloseStatus", CloseStatus.class),

	ERROR(OnError.class, "WsSession and Throwable (or a subtype)", "Throwable", Throwable.class);

	final Class<? extends Annotation> annotation;

	final String supported;

	final String eventName;

	final Class<?> defaultEventType;

	MethodKind(Class<? extends Annotation> annotation, String supported, String eventName, Class<?> defaultEventType) {
		this.annotation = annotation;
		this.supported = supported;
		this.eventName = eventName;
		this.defaultEventType = defaultEventType;
	}

	boolean acceptsEvent(Class<?> type) {
		return switch (this) {
			case OPEN -> false;
			case MESSAGE -> type == String.class || type == CharSequence.class || type == byte[].class
					|| type == ByteBuffer.class;
			case CLOSE -> type == CloseStatus.class;
			case ERROR -> Throwable.class.isAssignableFrom(type);
		};
	}

	@Override
	public String toString() {
		return "@" + this.annotation.getSimpleName();
	}

}
