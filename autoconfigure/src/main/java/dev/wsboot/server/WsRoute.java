package dev.wsboot.server;

import java.util.List;

/**
 * A path the server accepts upgrades on, and the handler for its sessions.
 *
 * @param path the exact request path, e.g. {@code /chat}
 * @param handler the handler of the path's sessions
 * @param subprotocols the subprotocols offered, in order of preference; empty for none
 * @param nonBlocking whether the handler never blocks, so that it may run on the I/O thread
 * that read the message instead of being handed to the worker executor
 */
public record WsRoute(String path, WsHandler handler, List<String> subprotocols, boolean nonBlocking) {

	public WsRoute {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("A WebSocket path must start with '/': " + path);
		}
		subprotocols = List.copyOf(subprotocols);
	}

	/** A route with no subprotocols whose handler may block. */
	public static WsRoute of(String path, WsHandler handler) {
		return new WsRoute(path, handler, List.of(), false);
	}

}
