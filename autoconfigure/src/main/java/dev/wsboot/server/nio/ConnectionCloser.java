package dev.wsboot.server.nio;

import java.nio.channels.SelectionKey;
import java.time.Duration;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.ProtocolEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own reasons to close a {@link Connection}, on its I/O thread: its deadlines
 * (upgrade request, idle, keep-alive ping, close), shutdown, and a peer that does not read.
 * Closes the server starts itself go out after the replies to the messages its
 * worker-thread handler already took. One per server, shared by its connections, which hold
 * the state.
 */
final class ConnectionCloser {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionCloser.class);

	/**
	 * How long a peer that stopped reading gets to take the 1008 close frame: it is given up
	 * on, so it does not get the whole close timeout.
	 */
	static final Duration OVERFLOW_CLOSE_GRACE = Duration.ofSeconds(1);

	private static final CloseStatus MESSAGE_RATE_EXCEEDED = new CloseStatus(CloseCodes.POLICY_VIOLATION,
			"Message rate exceeded");

	private final ServerSettings settings;

	ConnectionCloser(ServerSettings settings) {
		this.settings = settings;
	}

	/** Checks the connection's deadlines; called by the loop's sweep. */
	void checkTimers(Connection connection, long now) {
		ConnectionTimers timers = connection.loop().timers();
		if (timers.isCloseOverdue(connection, now)) {
			connection.closeNow();
			return;
		}
		if (timers.isClosing(connection)) {
			return;
		}
		Connection.Phase phase = connection.phase();
		if (phase == Connection.Phase.HANDSHAKE) {
			if (timers.isHandshakeOverdue(connection, now)) {
				logger.debug("Upgrade request from {} not complete within {}", connection.remote(),
						this.settings.handshakeTimeout());
				this.settings.observer().onLimitExceeded("handshake-timeout");
				connection.loop().upgrader().onOverdue(connection);
			}
			return;
		}
		ProtocolEngine engine = connection.engine();
		if (phase != Connection.Phase.OPEN || engine == null || engine.state() != ProtocolEngine.State.OPEN) {
			return;
		}
		if (timers.isIdle(connection, now) && !engine.isInputPaused()) {
			logger.debug("Closing session from {}: nothing received for {}", connection.remote(),
					this.settings.idleTimeout());
			this.settings.observer().onLimitExceeded("idle-timeout");
			closeBehindHandlerCalls(connection, CloseStatus.GOING_AWAY);
		}
		else if (timers.takePing(connection, now)) {
			engine.sendPing(new byte[0]);
			connection.afterEngine();
		}
	}

	/**
	 * The session sends more messages than its rate allows: closed with 1008 after the
	 * replies to what its handler already took, the messages after the close dropped.
	 */
	void onMessageRateExceeded(Connection connection) {
		ProtocolEngine engine = connection.engine();
		if (engine == null || engine.state() != ProtocolEngine.State.OPEN) {
			return;
		}
		logger.debug("Closing session from {}: more messages than the rate allows", connection.remote());
		this.settings.observer().onLimitExceeded("max-message-rate");
		closeBehindHandlerCalls(connection, MESSAGE_RATE_EXCEEDED);
	}

	/** Server shutdown: open sessions get 1001 (going away), connections still in their handshake are closed. */
	void goAway(Connection connection) {
		Connection.Phase phase = connection.phase();
		if (phase == Connection.Phase.OPEN) {
			closeBehindHandlerCalls(connection, CloseStatus.GOING_AWAY);
		}
		else if (phase == Connection.Phase.HANDSHAKE) {
			connection.closeNow();
		}
	}

	/**
	 * Closes for a reason of the server's after the replies to the messages its handler
	 * already took, when the handler runs on worker threads.
	 */
	private void closeBehindHandlerCalls(Connection connection, CloseStatus status) {
		ProtocolEngine engine = connection.engine();
		NioWsSession session = connection.session();
		if (engine == null || session == null) {
			return;
		}
		if (!SessionEvents.holdsCloseReplies(session)) {
			engine.close(status);
		}
		else if (engine.closeLater(status)) {
			session.calls().after(() -> ConnectionWriter.releaseHeldClose(connection));
		}
		connection.afterEngine();
	}

	/** The peer does not read what it is sent: give up on it with 1008, stop reading it, drop it soon. */
	void onOutboundOverflow(Connection connection) {
		ProtocolEngine engine = connection.engine();
		NioWsSession session = connection.session();
		if (connection.phase() != Connection.Phase.OPEN || engine == null || session == null || connection.abandoned) {
			return;
		}
		logger.debug("Session {} from {} does not read fast enough; closing it with 1008", session.id(),
				connection.remote());
		this.settings.observer().onLimitExceeded("max-outbound-buffer");
		CloseStatus status = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound buffer overflow");
		connection.abandoned = true;
		ConnectionWriter.shut(connection);
		connection.heldInput = null;
		connection.setInterest(SelectionKey.OP_READ, false);
		engine.abort(status);
		Duration grace = (this.settings.closeTimeout().compareTo(OVERFLOW_CLOSE_GRACE) <= 0)
				? this.settings.closeTimeout() : OVERFLOW_CLOSE_GRACE;
		connection.loop().timers().closeWithin(connection, connection.loopNow(), grace);
		SessionEvents.end(session, status);
		connection.afterEngine();
	}

}
