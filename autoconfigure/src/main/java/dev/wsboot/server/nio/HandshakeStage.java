package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeRequestParser;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.server.WsRoute;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a {@link Connection}: reads the upgrade request as it arrives and turns
 * it into a decision, taking a max-connections slot for it, asking the
 * {@link dev.wsboot.handshake.HandshakeHandler}, and answering 503 when the server is full,
 * 500 when the handler fails and 404 when it accepts a path no endpoint serves.
 */
final class HandshakeStage {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeStage.class);

	private final NioWsServer server;

	private final ServerSettings settings;

	/** The peer's address, looked up only when a refusal is logged. */
	private final Supplier<Object> remote;

	private @Nullable HandshakeRequestParser parser;

	HandshakeStage(NioWsServer server, ServerSettings settings, Supplier<Object> remote) {
		this.server = server;
		this.settings = settings;
		this.remote = remote;
		this.parser = new HandshakeRequestParser(settings.handshakeLimits());
	}

	/**
	 * The outcome of the upgrade request.
	 * @param request the request, or {@code null} when it could not be parsed
	 * @param route the route of its path, or {@code null}
	 * @param response the answer: 101 to open the session, anything else to refuse
	 * @param slotReserved whether a max-connections slot was taken, to free when the session ends
	 */
	record Decision(@Nullable HandshakeRequest request, @Nullable WsRoute route, HandshakeResponse response,
			boolean slotReserved) {
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
			return new Decision(null, null, ex.toResponse(), false);
		}
		if (request == null) {
			return null;
		}
		this.parser = null;
		Decision decision = decide(request, this.server.routes().route(request.path()));
		if (!decision.response().isAccepted() && logger.isDebugEnabled()) {
			logger.debug("Refused upgrade from {} to {}: {}", this.remote.get(), request.path(),
					decision.response().status());
		}
		return decision;
	}

	private Decision decide(HandshakeRequest request, @Nullable WsRoute route) {
		if (route != null && !this.server.reserveSession()) {
			this.settings.observer().onLimitExceeded("max-connections");
			return new Decision(request, route,
					HandshakeResponse.reject(503, "Too many connections; try again later").withHeader("Retry-After", "5"),
					false);
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
		if (route != null && !response.isAccepted()) {
			this.server.releaseSession();
			return new Decision(request, route, response, false);
		}
		return new Decision(request, route, response, route != null);
	}

}
