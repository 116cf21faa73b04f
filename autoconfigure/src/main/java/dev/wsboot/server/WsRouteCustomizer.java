package dev.wsboot.server;

/**
 * Changes the routes of a Spring application's server before it is created, for example to
 * wrap every handler, as the Spring Security integration does to set the security context
 * around each call. Declare a bean of this type; they apply in {@code @Order}, to each route.
 */
@FunctionalInterface
public interface WsRouteCustomizer {

	/** The route as the server is to serve it: {@code route} itself, or a changed copy. */
	WsRoute customize(WsRoute route);

}
