package dev.wsboot.endpoint;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * Does what an endpoint method's return value asks for, in the manner of Spring MVC's return
 * value handlers: the standard ones send it to the session, once a {@code CompletionStage}
 * completes if it is one. Asked once per method when the application starts. Declare a bean
 * of this type to add one; it is asked before the standard ones.
 */
public interface WsReturnValueHandler {

	/** Whether this handler deals with what the method returns; asked once, at start. */
	boolean supportsReturnType(MethodParameter returnType);

	/** Deals with a value the method returned; {@code null} when it returned none. */
	void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType, WsSession session);

}
