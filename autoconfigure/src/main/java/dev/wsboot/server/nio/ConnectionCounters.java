package dev.wsboot.server.nio;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link NioWsServer} counts across its I/O threads: open TCP connections, session
 * slots taken against {@code max-connections}, and sessions whose {@code onClose} has not
 * run yet; a graceful stop waits until no connection is open and every {@code onClose} ran.
 */
final class ConnectionCounters {

	private final int maxSessions;

	/** Sockets accepted beyond the session limit, for connections still in their handshake or lingering. */
	private final int hardLimit;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger sessionSlots = new AtomicInteger();

	private final AtomicInteger unfinishedSessions = new AtomicInteger();

	ConnectionCounters(int maxSessions) {
		this.maxSessions = maxSessions;
		this.hardLimit = maxSessions + Math.max(64, maxSessions / 10);
	}

	/** Counts a new socket; false, uncounted, past the hard limit. */
	boolean connectionOpened() {
		if (this.connections.incrementAndGet() > this.hardLimit) {
			this.connections.decrementAndGet();
			return false;
		}
		return true;
	}

	void connectionClosed() {
		this.connections.decrementAndGet();
		signalIfIdle();
	}

	int connections() {
		return this.connections.get();
	}

	/** Takes a session slot if fewer than the limit are taken; exact across I/O threads. */
	boolean reserveSlot() {
		while (true) {
			int taken = this.sessionSlots.get();
			if (taken >= this.maxSessions) {
				return false;
			}
			if (this.sessionSlots.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
	}

	void releaseSlot() {
		this.sessionSlots.decrementAndGet();
	}

	void sessionOpened() {
		this.unfinishedSessions.incrementAndGet();
	}

	void sessionFinished() {
		this.unfinishedSessions.decrementAndGet();
		signalIfIdle();
	}

	/** Whether nothing is left for a graceful stop to wait for. */
	boolean isIdle() {
		return this.connections.get() == 0 && this.unfinishedSessions.get() == 0;
	}

	/**
	 * Waits until nothing is left, or until {@code deadline} ({@link System#nanoTime()}).
	 * @return false when the deadline passed first
	 */
	boolean awaitIdle(long deadline) {
		synchronized (this) {
			while (!isIdle()) {
				long left = (deadline - System.nanoTime()) / 1_000_000;
				if (left <= 0) {
					return false;
				}
				try {
					wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	private void signalIfIdle() {
		// The counters change first, then a waiter re-checks under the monitor: no lost wake-up.
		if (isIdle()) {
			synchronized (this) {
				notifyAll();
			}
		}
	}

}
