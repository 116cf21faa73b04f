package dev.wsboot.server.nio;

import java.time.Duration;

/**
 * The deadlines of one connection, checked by its I/O loop's sweep rather than by a timer
 * each: the upgrade request's, the idle timeout, the next keep-alive ping, and the deadline
 * by which a closing connection is dropped whatever it still has to send. Times are
 * {@link System#nanoTime()} values; I/O thread only.
 */
final class ConnectionTimers {

	private final ServerSettings settings;

	private final long acceptedAt;

	private long lastReadAt;

	private long lastPingAt;

	/** When the connection is dropped however far its closing got; 0 while it is not closing. */
	private long closeDeadline;

	ConnectionTimers(ServerSettings settings, long now) {
		this.settings = settings;
		this.acceptedAt = now;
		this.lastReadAt = now;
		this.lastPingAt = now;
	}

	/** Bytes arrived. */
	void read(long now) {
		this.lastReadAt = now;
	}

	/** The connection started closing: it ends within the close timeout at the latest. */
	void closing(long now) {
		closeWithin(now, this.settings.closeTimeout());
	}

	/** The connection ends within {@code limit} at the latest; an earlier deadline stays. */
	void closeWithin(long now, Duration limit) {
		long deadline = now + Math.max(1, limit.toNanos());
		if (this.closeDeadline == 0 || deadline - this.closeDeadline < 0) {
			this.closeDeadline = deadline;
		}
	}

	boolean isClosing() {
		return this.closeDeadline != 0;
	}

	boolean isCloseOverdue(long now) {
		return this.closeDeadline != 0 && now - this.closeDeadline >= 0;
	}

	/** Whether the upgrade request took longer than the handshake timeout. */
	boolean isHandshakeOverdue(long now) {
		long limit = this.settings.handshakeTimeout().toNanos();
		return limit > 0 && now - this.acceptedAt > limit;
	}

	/** Whether nothing arrived for longer than the idle timeout. */
	boolean isIdle(long now) {
		long limit = this.settings.idleTimeout().toNanos();
		return limit > 0 && now - this.lastReadAt > limit;
	}

	/** Whether it is time for a keep-alive ping; if so, the next one is counted from now. */
	boolean takePing(long now) {
		long interval = this.settings.pingInterval().toNanos();
		if (interval <= 0 || now - Math.max(this.lastReadAt, this.lastPingAt) <= interval) {
			return false;
		}
		this.lastPingAt = now;
		return true;
	}

}
