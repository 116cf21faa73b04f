package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link WsEndpoint @WsEndpoint} called when a session opens, before
 * any of its messages. It may declare a {@link dev.wsboot.server.WsSession} parameter and
 * returns {@code void}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnOpen {

}
