package dev.wsboot.server.nio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wsboot.handshake.UpgradeTarget;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import org.jspecify.annotations.Nullable;

/**
 * The routes of a {@link NioWsServer} by exact path, with what the handshake handler weighs
 * a request against for each. A route's handler is wrapped for timing once, here, when an
 * observer watches.
 */
final class RouteTable {

	private final Map<String, WsRoute> routes = new LinkedHashMap<>();

	private final Map<String, UpgradeTarget> targets = new LinkedHashMap<>();

	RouteTable(List<WsRoute> routes, ServerSettings settings) {
		WsServerObserver observer = settings.observer();
		for (WsRoute route : routes) {
			WsHandler handler = (observer != WsServerObserver.NONE) ? new ObservedHandler(route.handler(), observer)
					: route.handler();
			WsRoute served = new WsRoute(route.path(), handler, route.subprotocols(), route.nonBlocking());
			if (this.routes.putIfAbsent(route.path(), served) != null) {
				throw new IllegalArgumentException("Two routes for the path " + route.path());
			}
			this.targets.put(route.path(), new UpgradeTarget(route.path(), route.subprotocols(), settings.extensions()));
		}
	}

	/** The route of a request path, or {@code null}. */
	@Nullable WsRoute route(String path) {
		return this.routes.get(path);
	}

	/** What the route serves, for the handshake handler; {@code null} for no route. */
	@Nullable UpgradeTarget target(@Nullable WsRoute route) {
		return (route != null) ? this.targets.get(route.path()) : null;
	}

	Set<String> paths() {
		return this.routes.keySet();
	}

}
