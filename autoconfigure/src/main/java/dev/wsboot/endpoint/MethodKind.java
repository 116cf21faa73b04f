package dev.wsboot.endpoint;

import java.lang.annotation.Annotation;

import dev.wsboot.protocol.CloseStatus;

/**
 * The annotation an {@link EndpointMethod} carries: which event it is called for, and so
 * which event parameter it may declare and whether its return value is sent.
 */
enum MethodKind {

	OPEN(OnOpen.class, true),

	MESSAGE(OnMessage.class, true),

	CLOSE(OnClose.class, false),

	ERROR(OnError.class, true);

	final Class<? extends Annotation> annotation;

	/** Whether a value the method returns is sent: not once the session is closed. */
	final boolean replies;

	MethodKind(Class<? extends Annotation> annotation, boolean replies) {
		this.annotation = annotation;
		this.replies = replies;
	}

	/** Whether a parameter of {@code type} is this kind's event: the close status, the error. */
	boolean isEvent(Class<?> type) {
		return switch (this) {
			case OPEN, MESSAGE -> false;
			case CLOSE -> type == CloseStatus.class;
			case ERROR -> Throwable.class.isAssignableFrom(type);
		};
	}

	@Override
	public String toString() {
		return "@" + this.annotation.getSimpleName();
	}

}
