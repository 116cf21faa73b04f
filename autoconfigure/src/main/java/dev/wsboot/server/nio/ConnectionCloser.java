package dev.wsboot.server.nio;

import java.nio.channels.SelectionKey;
import java.time.Duration;

import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.ProtocolEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own reasons to close one {@link Connection}, on its I/O thread: its
 * deadlines (upgrade request, idle, keep-alive ping, close), shutdown, and a peer that does
 * not read. Closes the server starts itself go out after the replies to the messages its
 * worker-thread handler already took.
 */
final class ConnectionCloser {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionCloser.class);

	/**
	 * How long a peer that stopped reading gets to take the 1008 close frame: it is given up
	 * on, so it does not get the whole close timeout.
	 */
	static final Duration OVERFLOW_CLOSE_GRACE = Duration.ofSeconds(1);

	private final Connection connection;

	private final ServerSettings settings;

	private final ConnectionTimers timers;

	/** The server gave up on the peer: no reading, no waiting for its close. */
	private boolean abandoned;

	ConnectionCloser(Connection connection, ServerSettings settings, ConnectionTimers timers) {
		this.connection = connection;
		this.settings = settings;
		this.timers = timers;
	}

	boolean isAbandoned() {
		return this.abandoned;
	}

	/** Checks the connection's deadlines; called by the loop's sweep. */
	void checkTimers(long now) {
		if (this.timers.isCloseOverdue(now)) {
			this.connection.closeNow();
			return;
		}
		if (this.timers.isClosing()) {
			return;
		}
		Connection.Phase phase = this.connection.phase();
		if (phase == Connection.Phase.HANDSHAKE) {
			if (this.timers.isHandshakeOverdue(now)) {
				logger.debug("Upgrade request from {} not complete within {}", this.connection.remote(),
						this.settings.handshakeTimeout());
				this.settings.observer().onLimitExceeded("handshake-timeout");
				this.connection.refuse(null, HandshakeResponse.reject(408, "Request Timeout"));
			}
			return;
		}
		ProtocolEngine engine = this.connection.engine();
		if (phase != Connection.Phase.OPEN || engine == null || engine.state() != ProtocolEngine.State.OPEN) {
			return;
		}
		if (this.timers.isIdle(now) && !engine.isInputPaused()) {
			logger.debug("Closing session from {}: nothing received for {}", this.connection.remote(),
					this.settings.idleTimeout());
			this.settings.observer().onLimitExceeded("idle-timeout");
			closeBehindHandlerCalls(CloseStatus.GOING_AWAY);
		}
		else if (this.timers.takePing(now)) {
			engine.sendPing(new byte[0]);
			this.connection.afterEngine();
		}
	}

	/** Server shutdown: open sessions get 1001 (going away), connections still in their handshake are closed. */
	void goAway() {
		Connection.Phase phase = this.connection.phase();
		if (phase == Connection.Phase.OPEN) {
			closeBehindHandlerCalls(CloseStatus.GOING_AWAY);
		}
		else if (phase == Connection.Phase.HANDSHAKE) {
			this.connection.closeNow();
		}
	}

	/**
	 * Closes for a reason of the server's after the replies to the messages its handler
	 * already took, when the handler runs on worker threads.
	 */
	private void closeBehindHandlerCalls(CloseStatus status) {
		ProtocolEngine engine = this.connection.engine();
		SessionEvents session = this.connection.events();
		if (engine == null || session == null) {
			return;
		}
		if (!this.connection.holdsCloseReplies()) {
			engine.close(status);
		}
		else if (engine.closeLater(status)) {
			session.calls().after(this.connection.writer()::releaseHeldClose);
		}
		this.connection.afterEngine();
	}

	/** The peer does not read what it is sent: give up on it with 1008, stop reading it, drop it soon. */
	void onOutboundOverflow() {
		ProtocolEngine engine = this.connection.engine();
		SessionEvents session = this.connection.events();
		if (this.connection.phase() != Connection.Phase.OPEN || engine == null || session == null || this.abandoned) {
			return;
		}
		logger.debug("Session {} from {} does not read fast enough; closing it with 1008", session.session().id(),
				this.connection.remote());
		this.settings.observer().onLimitExceeded("max-outbound-buffer");
		CloseStatus status = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound buffer overflow");
		this.abandoned = true;
		this.connection.writer().shut();
		this.connection.reader().discard();
		this.connection.setInterest(SelectionKey.OP_READ, false);
		engine.abort(status);
		Duration grace = (this.settings.closeTimeout().compareTo(OVERFLOW_CLOSE_GRACE) <= 0)
				? this.settings.closeTimeout() : OVERFLOW_CLOSE_GRACE;
		this.timers.closeWithin(this.connection.loopNow(), grace);
		session.end(status);
		this.connection.afterEngine();
	}

}
