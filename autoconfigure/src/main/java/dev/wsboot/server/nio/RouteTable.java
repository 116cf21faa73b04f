package dev.wsboot.server.nio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wsboot.handshake.UpgradeTarget;
import dev.wsboot.handshake.UriDecoder;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import org.jspecify.annotations.Nullable;

/**
 * The routes of a {@link NioWsServer}: literal paths found by one lookup of the raw request
 * path, templates tried, most specific first, against its decoded segments. Two routes that
 * could serve one path with neither more specific are refused when the table is built. A
 * route's handler is wrapped for timing once, here, when an observer watches.
 */
final class RouteTable {

	/** Routes by their path as declared, in declaration order. */
	private final Map<String, WsRoute> routes = new LinkedHashMap<>();

	private final Map<String, UpgradeTarget> targets = new HashMap<>();

	/** Literal routes by path: the usual case, one lookup. */
	private final Map<String, WsRoute> literal = new HashMap<>();

	/** Every route's template, most specific first. */
	private final List<Entry> templates = new ArrayList<>();

	private record Entry(PathTemplate template, WsRoute route) {
	}

	/** A route that serves a request path, with the values of its variables. */
	record Match(WsRoute route, Map<String, String> pathVariables) {
	}

	RouteTable(List<WsRoute> routes, ServerSettings settings) {
		WsServerObserver observer = settings.observer();
		for (WsRoute route : routes) {
			WsRoute served = (observer != WsServerObserver.NONE)
					? route.withHandler(new ObservedHandler(route.handler(), observer)) : route;
			if (this.routes.putIfAbsent(route.path(), served) != null) {
				throw new IllegalArgumentException("Two routes for the path " + route.path());
			}
			PathTemplate template = PathTemplate.parse(route.path());
			for (Entry other : this.templates) {
				if (template.isAmbiguousWith(other.template())) {
					throw new IllegalArgumentException("The routes " + other.template() + " and " + template
							+ " could both serve one path, with neither more specific");
				}
			}
			this.templates.add(new Entry(template, served));
			if (template.isLiteral()) {
				this.literal.put(route.path(), served);
			}
			this.targets.put(route.path(), new UpgradeTarget(route.path(), route.subprotocols(), settings.extensions()));
		}
		this.templates.sort((a, b) -> a.template().compareTo(b.template()));
	}

	/**
	 * The route serving a raw request path, or {@code null}.
	 * @throws dev.wsboot.handshake.HandshakeException 400 for bad percent-encoding
	 */
	@Nullable Match match(String rawPath) {
		WsRoute exact = this.literal.get(rawPath);
		if (exact != null) {
			return new Match(exact, Map.of());
		}
		List<String> segments = UriDecoder.pathSegments(rawPath);
		for (Entry entry : this.templates) {
			Map<String, String> values = entry.template().match(segments);
			if (values != null) {
				return new Match(entry.route(), values);
			}
		}
		return null;
	}

	/** What the route serves, for the handshake handler; {@code null} for no route. */
	@Nullable UpgradeTarget target(@Nullable WsRoute route) {
		return (route != null) ? this.targets.get(route.path()) : null;
	}

	/** The routes' paths as declared. */
	Set<String> paths() {
		return this.routes.keySet();
	}

}
