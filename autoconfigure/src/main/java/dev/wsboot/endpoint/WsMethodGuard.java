package dev.wsboot.endpoint;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Checks calls of endpoint methods before they are made, such as their authorization (the
 * Spring Security integration checks {@code @PreAuthorize} and {@code @Secured} on handler
 * methods with one). Asked once per method when the application starts which calls it
 * checks, so that a method that needs no check costs nothing per call. Declare a bean of
 * this type to add one; they check in {@code @Order}.
 */
public interface WsMethodGuard {

	/**
	 * The check of the calls of {@code method}, or {@code null} when they need none.
	 * @param endpointClass the endpoint class, as declared (not a proxy)
	 * @param method the handler method, as declared
	 */
	@Nullable Check checkFor(Class<?> endpointClass, Method method);

	/** Checks one call of one method. */
	@FunctionalInterface
	interface Check {

		/**
		 * Checks a call once its arguments are resolved, before it is made; throws to prevent
		 * it, and the exception then goes where one the method threw would.
		 * @param endpoint the endpoint bean
		 * @param arguments the arguments the method would be called with
		 * @param invocation the session and the event of the call
		 */
		void check(Object endpoint, @Nullable Object[] arguments, WsInvocation invocation);

	}

}
