package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import javax.net.ssl.SSLSession;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeRequestParser;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a {@link Connection}: reads the upgrade request as it arrives and turns
 * it into a decision, taking a max-connections slot for it, asking the
 * {@link dev.wsboot.handshake.HandshakeHandler}, then the route's
 * {@link dev.wsboot.server.WsUpgradeCheck}, and answering 503 when the server is full, 500
 * when the handler or the check fails, 404 when the handler accepts a path no endpoint
 * serves, and 400 for a path or query with bad percent-encoding.
 */
final class HandshakeStage {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeStage.class);

	private final NioWsServer server;

	private final ServerSettings settings;

	/** The peer's address, looked up only when a refusal is logged. */
	private final Supplier<Object> remote;

	/** The connection's TLS session, for the upgrade's checks; none for plain TCP. */
	private final Supplier<@Nullable SSLSession> sslSession;

	private @Nullable HandshakeRequestParser parser;

	HandshakeStage(NioWsServer server, ServerSettings settings, Supplier<Object> remote,
			Supplier<@Nullable SSLSession> sslSession) {
		this.server = server;
		this.settings = settings;
		this.remote = remote;
		this.sslSession = sslSession;
		this.parser = new HandshakeRequestParser(settings.handshakeLimits());
	}

	/**
	 * The outcome of the upgrade request.
	 * @param request the request, or {@code null} when it could not be parsed
	 * @param route the route of its path, or {@code null}
	 * @param response the answer: 101 to open the session, anything else to refuse
	 * @param slotReserved whether a max-connections slot was taken, to free when the session ends
	 * @param upgrade the accepted request as its route saw it, or {@code null} when refused
	 */
	record Decision(@Nullable HandshakeRequest request, @Nullable WsRoute route, HandshakeResponse response,
			boolean slotReserved, @Nullable WsUpgrade upgrade) {
	}

	/**
	 * Reads the next bytes of the request; the decision once it is complete, else {@code null}.
	 * What follows the request in {@code buffer} (the client's first frames) is left there.
	 */
	@Nullable Decision read(ByteBuffer buffer) {
		HandshakeRequest request;
		try {
			request = this.parser.parse(buffer);
		}
		catch (HandshakeException ex) {
			this.parser = null;
			if (logger.isDebugEnabled()) {
				logger.debug("Refused upgrade from {}: {} {}", this.remote.get(), ex.status(), ex.getMessage());
			}
			return new Decision(null, null, ex.toResponse(), false, null);
		}
		if (request == null) {
			return null;
		}
		this.parser = null;
		Decision decision;
		try {
			decision = decide(request, this.server.routes().match(request.path()));
		}
		catch (HandshakeException ex) {
			decision = new Decision(request, null, ex.toResponse(), false, null);
		}
		if (!decision.response().isAccepted() && logger.isDebugEnabled()) {
			logger.debug("Refused upgrade from {} to {}: {}", this.remote.get(), request.path(),
					decision.response().status());
		}
		return decision;
	}

	private Decision decide(HandshakeRequest request, RouteTable.@Nullable Match match) {
		WsRoute route = (match != null) ? match.route() : null;
		if (route != null && !this.server.reserveSession()) {
			this.settings.observer().onLimitExceeded("max-connections");
			return new Decision(request, route,
					HandshakeResponse.reject(503, "Too many connections; try again later").withHeader("Retry-After", "5"),
					false, null);
		}
		HandshakeResponse response;
		try {
			response = this.settings.handshakeHandler().handshake(request, this.server.routes().target(route));
		}
		catch (RuntimeException ex) {
			logger.error("Handshake handler failed for {} {}", request.method(), request.path(), ex);
			response = HandshakeResponse.reject(500, "Internal Server Error");
		}
		if (response.isAccepted() && route == null) {
			// A custom handler accepted a path that no endpoint serves: nothing could answer it.
			response = HandshakeResponse.reject(404, "No WebSocket endpoint at " + request.path());
		}
		WsUpgrade upgrade = null;
		if (route != null && response.isAccepted()) {
			upgrade = new WsUpgrade(request, route.path(), match.pathVariables(), this.sslSession.get());
			response = check(route, upgrade, response);
		}
		if (route != null && !response.isAccepted()) {
			this.server.releaseSession();
			return new Decision(request, route, response, false, null);
		}
		return new Decision(request, route, response, route != null, upgrade);
	}

	/**
	 * The route's own checks (its endpoint's parameters), once the protocol accepted the
	 * request, after the query is found well-formed whether the route reads it or not: a
	 * session's {@link dev.wsboot.server.WsSession#queryParameters()} then never fails.
	 */
	private HandshakeResponse check(WsRoute route, WsUpgrade upgrade, HandshakeResponse accepted) {
		try {
			upgrade.queryParameters();
			route.upgradeCheck().check(upgrade);
			return accepted;
		}
		catch (HandshakeException ex) {
			return ex.toResponse();
		}
		catch (RuntimeException ex) {
			logger.error("Upgrade check of {} failed for {}", route.path(), upgrade.request().path(), ex);
			return HandshakeResponse.reject(500, "Internal Server Error");
		}
	}

}
