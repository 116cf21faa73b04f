package dev.wsboot.endpoint;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * One call of an endpoint method, as a {@link WsArgumentResolver} sees it: the session, and
 * the event the method is called for.
 *
 * @param session the session
 * @param event the message (decoded, or as text or bytes), the {@link dev.wsboot.protocol.CloseStatus}
 * of a close, or the {@link Throwable} of an error; {@code null} for an open
 */
public record WsInvocation(WsSession session, @Nullable Object event) {
}
