package dev.wsboot.server.nio;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

import javax.net.ssl.SSLSession;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeRequestParser;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsUpgrade;
import dev.wsboot.server.forwarded.TrustedProxies;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of a {@link Connection}: reads the upgrade request as it arrives and turns
 * it into a decision: names the client (the TCP peer, or whom trusted proxies forwarded),
 * counts it against the per-address limits, takes a max-connections slot, asks the
 * {@link dev.wsboot.handshake.HandshakeHandler}, then the route's
 * {@link dev.wsboot.server.WsUpgradeCheck}. It answers 429 when the client's address is over
 * its limits, 503 when the server is full, 500 when the handler or the check fails, 404
 * when the handler accepts a path no endpoint serves, and 400 for a path or query with bad
 * percent-encoding. An acceptance is final unless the server has handshake interceptors,
 * which the connection asks next.
 */
final class HandshakeStage {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeStage.class);

	/** The scheme of a connection without TLS that no trusted proxy says otherwise of. */
	private static final String PLAIN_SCHEME = "ws";

	/** The scheme of a connection over TLS that no trusted proxy says otherwise of. */
	private static final String SECURE_SCHEME = "wss";

	private final NioWsServer server;

	private final ServerSettings settings;

	/** The TCP peer's address. */
	private final Supplier<@Nullable InetSocketAddress> peer;

	/** The connection's TLS session, for the upgrade's checks; none for plain TCP. */
	private final Supplier<@Nullable SSLSession> sslSession;

	private @Nullable HandshakeRequestParser parser;

	/**
	 * The upgrade accepted so far that waits for the handshake interceptors, kept here since
	 * it lives no longer than this stage; I/O thread only.
	 */
	@Nullable Decision undecided;

	/** The decision waiting for the interceptors, now no longer waited for; {@code null} for none. */
	@Nullable Decision takeUndecided() {
		Decision waiting = this.undecided;
		this.undecided = null;
		return waiting;
	}

	HandshakeStage(NioWsServer server, ServerSettings settings, Supplier<@Nullable InetSocketAddress> peer,
			Supplier<@Nullable SSLSession> sslSession) {
		this.server = server;
		this.settings = settings;
		this.peer = peer;
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
	 * @param addressReserved the client address a per-address connection was counted for, to
	 * free when the connection ends, or {@code null}
	 */
	record Decision(@Nullable HandshakeRequest request, @Nullable WsRoute route, HandshakeResponse response,
			boolean slotReserved, @Nullable WsUpgrade upgrade, @Nullable InetAddress addressReserved) {

		static Decision refused(@Nullable HandshakeRequest request, @Nullable WsRoute route,
				HandshakeResponse response) {
			return new Decision(request, route, response, false, null, null);
		}

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
				logger.debug("Refused upgrade from {}: {} {}", this.peer.get(), ex.status(), ex.getMessage());
			}
			return Decision.refused(null, null, ex.toResponse());
		}
		if (request == null) {
			return null;
		}
		this.parser = null;
		TrustedProxies.Client forwarded = forwarded(request);
		InetSocketAddress client = (forwarded != null) ? forwarded.address() : this.peer.get();
		String ownScheme = (this.sslSession.get() != null) ? SECURE_SCHEME : PLAIN_SCHEME;
		Decision decision;
		try {
			decision = decide(request, this.server.routes().match(request.path()), client,
					(forwarded != null && forwarded.scheme() != null) ? forwarded.scheme() : ownScheme);
		}
		catch (HandshakeException ex) {
			decision = Decision.refused(request, null, ex.toResponse());
		}
		if (!decision.response().isAccepted() && logger.isDebugEnabled()) {
			logger.debug("Refused upgrade from {} to {}: {}", client, request.path(), decision.response().status());
		}
		return decision;
	}

	/** The client a trusted proxy forwarded the request for, or {@code null}. */
	private TrustedProxies.@Nullable Client forwarded(HandshakeRequest request) {
		TrustedProxies proxies = this.settings.trustedProxies();
		if (proxies.isEmpty()) {
			return null;
		}
		InetSocketAddress peer = this.peer.get();
		return (peer != null) ? proxies.client(peer, request.headers()) : null;
	}

	private Decision decide(HandshakeRequest request, RouteTable.@Nullable Match match,
			@Nullable InetSocketAddress client, String scheme) {
		WsRoute route = (match != null) ? match.route() : null;
		AddressLimits addressLimits = this.server.addressLimits();
		InetAddress address = (addressLimits != null && client != null) ? client.getAddress() : null;
		if (address != null && !addressLimits.allowHandshake(address, System.nanoTime())) {
			this.settings.observer().onLimitExceeded("handshake-rate-per-address");
			return Decision.refused(request, route, tooManyRequests("Too many upgrade requests from this address"));
		}
		if (route == null || address == null || addressLimits.reserveConnection(address)) {
			return decide(request, match, route, client, scheme, (route != null) ? address : null);
		}
		this.settings.observer().onLimitExceeded("max-connections-per-address");
		return Decision.refused(request, route, tooManyRequests("Too many connections from this address"));
	}

	private static HandshakeResponse tooManyRequests(String message) {
		// RFC 6585 §4: 429 MAY include a Retry-After header saying how long to wait.
		return HandshakeResponse.reject(429, message + "; try again later").withHeader("Retry-After", "1");
	}

	/** The decision once the client's address passed its limits, {@code addressReserved} counted for it. */
	private Decision decide(HandshakeRequest request, RouteTable.@Nullable Match match, @Nullable WsRoute route,
			@Nullable InetSocketAddress client, String scheme, @Nullable InetAddress addressReserved) {
		if (route != null && !this.server.reserveSession()) {
			releaseAddress(addressReserved);
			this.settings.observer().onLimitExceeded("max-connections");
			return Decision.refused(request, route,
					HandshakeResponse.reject(503, "Too many connections; try again later").withHeader("Retry-After", "5"));
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
			upgrade = new WsUpgrade(request, route.path(), match.pathVariables(), response.subprotocol(), client,
					scheme, this.sslSession.get());
			response = check(route, upgrade, response);
		}
		if (route != null && !response.isAccepted()) {
			this.server.releaseSession();
			releaseAddress(addressReserved);
			return Decision.refused(request, route, response);
		}
		return new Decision(request, route, response, route != null, upgrade, addressReserved);
	}

	private void releaseAddress(@Nullable InetAddress address) {
		AddressLimits addressLimits = this.server.addressLimits();
		if (address != null && addressLimits != null) {
			addressLimits.releaseConnection(address);
		}
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
