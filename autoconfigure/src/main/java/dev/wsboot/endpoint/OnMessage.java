package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WsEndpoint @WsEndpoint} called for each complete message.
 * The type of its message parameter says which messages it takes: {@link String} or
 * {@link CharSequence} for text, {@code byte[]} or {@link java.nio.ByteBuffer} (read-only)
 * for binary. It may also declare a {@link dev.wsboot.server.WsSession} parameter, in any
 * order.
 *
 * <p>An endpoint has at most one method for each message type; a message of a type it has
 * no method for closes the session with 1003 (unsupported data). A non-null return value is
 * sent back to the session: a {@link CharSequence} as text, a {@code byte[]} or
 * {@link java.nio.ByteBuffer} as binary; {@code void} sends nothing.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnMessage {

}
