package dev.wsboot.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;

/**
 * Supplies the value of one kind of endpoint method parameter, in the manner of Spring MVC's
 * argument resolvers. Asked once per parameter when the application starts; a parameter no
 * resolver supports fails the start with a message naming the method. Declare a bean of this
 * type to add one; it is asked before the message payload, which takes any other parameter.
 */
public interface WsArgumentResolver {

	/** Whether this resolver supplies {@code parameter}; asked once, at start. */
	boolean supportsParameter(MethodParameter parameter);

	/**
	 * The value for {@code parameter} in this call.
	 * @throws WsDecodeException when the value comes from what the peer sent and does not fit
	 */
	@Nullable Object resolveArgument(MethodParameter parameter, WsInvocation invocation);

}
