package dev.wsboot.server.nio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of one {@link IoLoop}'s connections that wait for the end of its turn: each
 * connection the turn asked to flush, once however often it asked, so that a
 * turn's frames go out in one write; and those whose worker's replies wait for the end of its
 * batch of calls, written at the loop's next tick should the batch take long.
 */
final class LoopFlushes {

	// Under the loop's name, where this line has always been logged.
	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** Loop thread only. */
	private final List<Connection> scheduled = new ArrayList<>();

	/** Added to by workers, without waking the loop. */
	private final ConcurrentLinkedQueue<Connection> deferred = new ConcurrentLinkedQueue<>();

	/** Writes this connection's queued bytes at the end of the current turn; loop thread. */
	void schedule(Connection connection) {
		if (!connection.flushScheduled) {
			connection.flushScheduled = true;
			this.scheduled.add(connection);
		}
	}

	/** Writes what a worker's handler sent at the loop's next tick, unless the worker flushed it by then. */
	void defer(Connection connection) {
		this.deferred.add(connection);
	}

	/** Writes what workers' handlers sent and have not flushed by now: at most one tick late. */
	void flushDeferred() {
		Connection connection;
		while ((connection = this.deferred.poll()) != null) {
			ConnectionWriter.flushIfDeferred(connection);
		}
	}

	/** Writes what this turn scheduled. */
	void flushAll() {
		for (int i = 0; i < this.scheduled.size(); i++) {
			Connection connection = this.scheduled.get(i);
			connection.flushScheduled = false;
			try {
				SocketWriter.flush(connection);
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure writing to a connection", ex);
			}
		}
		this.scheduled.clear();
	}

}
