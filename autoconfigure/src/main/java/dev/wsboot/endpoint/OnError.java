package dev.wsboot.endpoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WsEndpoint @WsEndpoint} called when another of its methods
 * threw; the session is then closed with 1011 (internal error). A lost connection or a
 * protocol error of the client is not reported here but to {@link OnClose @OnClose}, with
 * its close code (1006 for a lost connection). It may declare a
 * {@link dev.wsboot.server.WsSession} and a {@link Throwable} parameter, in any order, and
 * returns {@code void}.
 *
 * <p>An endpoint may have several, each for a different exception type: the one whose type
 * is the closest superclass of the error is called, and none if no type matches. An
 * exception thrown by the method itself is logged.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnError {

}
