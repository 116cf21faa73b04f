package dev.wsboot.server.nio;

import java.time.Duration;

/**
 * The deadlines of a loop's connections, checked by its sweep rather than by a timer each:
 * the upgrade request's, the idle timeout, the next keep-alive ping, and the deadline by
 * which a closing connection is dropped whatever it still has to send. One per loop, shared
 * by its connections, which hold the times ({@link System#nanoTime()} values), so that an
 * idle connection carries three numbers and no object for them; I/O thread only.
 */
final class ConnectionTimers {

	private final ServerSettings settings;

	ConnectionTimers(ServerSettings settings) {
		this.settings = settings;
	}

	/** A connection was accepted: its upgrade request is due within the handshake timeout. */
	void accepted(Connection connection, long now) {
		connection.lastReadAt = now;
		// No ping goes out before the upgrade, so until then this field notes when the connection came.
		connection.lastPingAt = now;
	}

	/** The upgrade succeeded: keep-alive pings are counted from now. */
	void opened(Connection connection, long now) {
		connection.lastPingAt = now;
	}

	/** Bytes arrived. */
	void read(Connection connection, long now) {
		connection.lastReadAt = now;
	}

	/** The connection started closing: it ends within the close timeout at the latest. */
	void closing(Connection connection, long now) {
		closeWithin(connection, now, this.settings.closeTimeout());
	}

	/** The connection ends within {@code limit} at the latest; an earlier deadline stays. */
	void closeWithin(Connection connection, long now, Duration limit) {
		long deadline = now + Math.max(1, limit.toNanos());
		if (connection.closeDeadline == 0 || deadline - connection.closeDeadline < 0) {
			// 0 means "not closing"; a deadline that happens to be 0 is moved by a nanosecond.
			connection.closeDeadline = (deadline != 0) ? deadline : 1;
		}
	}

	boolean isClosing(Connection connection) {
		return connection.closeDeadline != 0;
	}

	boolean isCloseOverdue(Connection connection, long now) {
		return connection.closeDeadline != 0 && now - connection.closeDeadline >= 0;
	}

	/** Whether the upgrade request took longer than the handshake timeout. */
	boolean isHandshakeOverdue(Connection connection, long now) {
		long limit = this.settings.handshakeTimeout().toNanos();
		return limit > 0 && now - connection.lastPingAt > limit;
	}

	/** Whether nothing arrived for longer than the idle timeout. */
	boolean isIdle(Connection connection, long now) {
		long limit = this.settings.idleTimeout().toNanos();
		return limit > 0 && now - connection.lastReadAt > limit;
	}

	/** Whether it is time for a keep-alive ping; if so, the next one is counted from now. */
	boolean takePing(Connection connection, long now) {
		long interval = this.settings.pingInterval().toNanos();
		if (interval <= 0 || now - Math.max(connection.lastReadAt, connection.lastPingAt) <= interval) {
			return false;
		}
		connection.lastPingAt = now;
		return true;
	}

}
