package dev.wsboot.server;

import java.util.List;

/**
 * Creates a {@link WsServer}, configured but not started, for a set of routes.
 */
@FunctionalInterface
public interface WsServerFactory {

	/** A paused server serving these routes; {@link WsServer#start()} starts it. */
	WsServer create(List<WsRoute> routes);

}
