package dev.wsboot.server.nio;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.protocol.extension.Extensions;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;

/**
 * Takes the connections of one {@link IoLoop} through their upgrade request, on its thread:
 * reads it through the connection's {@link HandshakeStage}, lets the server's
 * {@link HandshakeInterceptors}, if it has some, decide while the connection is not read,
 * then refuses it with an HTTP response or opens its session and {@link ProtocolEngine}.
 * One per loop, shared by its connections, which hold the state: an idle connection pays
 * for no object of this.
 */
final class ConnectionUpgrader {

	private final IoLoop loop;

	ConnectionUpgrader(IoLoop loop) {
		this.loop = loop;
	}

	/** Bytes of the upgrade request, perhaps followed by the client's first frames. */
	void onRequestBytes(Connection connection, ByteBuffer buffer) {
		HandshakeStage stage = connection.handshake;
		if (stage == null) {
			return;
		}
		HandshakeStage.Decision decision = stage.read(buffer);
		if (decision == null) {
			return;
		}
		connection.slotHeld = decision.slotReserved();
		connection.addressHeld = decision.addressReserved();
		WsUpgrade upgrade = decision.upgrade();
		WsRoute route = decision.route();
		if (!decision.response().isAccepted() || route == null || upgrade == null) {
			refuse(connection, route, decision.response());
			return;
		}
		noteClient(connection, upgrade);
		HandshakeInterceptors interceptors = connection.server().interceptors(route.path());
		if (interceptors != null) {
			awaitDecision(connection, stage, decision, upgrade, interceptors, buffer);
			return;
		}
		open(connection, upgrade, route, decision.response());
		if (buffer.hasRemaining()) {
			// The client's first frames may share the packet with its upgrade request.
			this.loop.reader().receive(connection, buffer);
		}
	}

	private void noteClient(Connection connection, WsUpgrade upgrade) {
		InetSocketAddress client = upgrade.remoteAddress();
		if (client != null && !client.equals(connection.remoteAddress())) {
			connection.forwardedClient = client;
		}
	}

	/**
	 * Hands the accepted upgrade to the interceptors, off this thread, and reads nothing
	 * until they decided; the client's first frames, if they came along, wait.
	 */
	private void awaitDecision(Connection connection, HandshakeStage stage, HandshakeStage.Decision decision,
			WsUpgrade upgrade, HandshakeInterceptors interceptors, ByteBuffer buffer) {
		if (buffer.hasRemaining()) {
			connection.heldInput = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
		}
		connection.setInterest(SelectionKey.OP_READ, false);
		stage.undecided = decision;
		interceptors.decide(upgrade, connection.server().executor())
			.thenAccept((refusal) -> this.loop.execute(() -> decided(connection, decision, refusal)));
	}

	/** The interceptors decided; ignored when the handshake timed out or the connection closed meanwhile. */
	private void decided(Connection connection, HandshakeStage.Decision decision,
			@Nullable HandshakeResponse refusal) {
		HandshakeStage stage = connection.handshake;
		if (stage == null || stage.undecided != decision || connection.phase() != Connection.Phase.HANDSHAKE) {
			return;
		}
		stage.undecided = null;
		WsRoute route = decision.route();
		WsUpgrade upgrade = decision.upgrade();
		if (refusal != null || route == null || upgrade == null) {
			this.loop.teardown().releaseReservations(connection);
			refuse(connection, route, (refusal != null) ? refusal
					: HandshakeResponse.reject(500, "Internal Server Error"));
			return;
		}
		open(connection, upgrade, route, decision.response());
		ByteBuffer held = connection.heldInput;
		connection.heldInput = null;
		connection.setInterest(SelectionKey.OP_READ, true);
		if (held != null) {
			this.loop.reader().receive(connection, held);
		}
	}

	/**
	 * The handshake timeout passed: 408 when the request is not complete yet, 503 when the
	 * interceptors have not decided, since it is then the server that is late.
	 */
	void onOverdue(Connection connection) {
		HandshakeStage stage = connection.handshake;
		HandshakeStage.Decision waiting = (stage != null) ? stage.takeUndecided() : null;
		if (!connection.transport().isEstablished()) {
			// Within the TLS handshake: there is no channel for an HTTP answer yet.
			connection.closeNow();
			return;
		}
		if (waiting == null) {
			refuse(connection, null, HandshakeResponse.reject(408, "Request Timeout"));
			return;
		}
		this.loop.teardown().releaseReservations(connection);
		connection.heldInput = null;
		refuse(connection, waiting.route(),
				HandshakeResponse.reject(503, "The upgrade could not be decided in time; try again later")
					.withHeader("Retry-After", "5"));
	}

	/** Answers the upgrade request with a refusal; the connection ends once it is written. */
	private void refuse(Connection connection, @Nullable WsRoute route, HandshakeResponse response) {
		connection.handshake = null;
		connection.settings().observer().onHandshake((route != null) ? route.path() : null, response.status());
		connection.outboundBuffer().addFrame(ByteBuffer.wrap(response.toBytes()));
		connection.setInterest(SelectionKey.OP_READ, false);
		this.loop.timers().closing(connection, this.loop.now());
		this.loop.scheduleFlush(connection);
	}

	private void open(Connection connection, WsUpgrade upgrade, WsRoute route, HandshakeResponse response) {
		connection.handshake = null;
		connection.outboundBuffer().addFrame(ByteBuffer.wrap(response.toBytes()));
		Extensions extensions = Extensions.of(response.extensions());
		ServerSettings settings = connection.settings();
		NioWsSession session = new NioWsSession(connection, connection.server().nextSessionId(), upgrade, route,
				response.subprotocol());
		connection.session = session;
		connection.engine = new ProtocolEngine(settings.frameCodec(), extensions, settings.limits(), session,
				connection, SessionEvents.holdsCloseReplies(session));
		connection.phase = Connection.Phase.OPEN;
		this.loop.timers().opened(connection, this.loop.now());
		settings.observer().onHandshake(route.path(), 101);
		SessionEvents.started(session);
		this.loop.scheduleFlush(connection);
	}

}
