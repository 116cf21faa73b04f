package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint @WsEndpoint} called once when a session has
 * ended, whether closed by either side, lost (1006) or shut down with the server (1001).
 * It may declare a {@link dev.wsboot.server.WsSession} and a
 * {@link dev.wsboot.protocol.CloseStatus} parameter, in any order, and returns {@code void}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnClose {

}
