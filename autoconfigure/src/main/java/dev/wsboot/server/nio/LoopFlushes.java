package dev.wsboot.server.nio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes of one {@link IoLoop}'s connections that wait for the end of its turn: each
 * {@link ConnectionWriter} the turn asked to flush, once however often it asked, so that a
 * turn's frames go out in one write; and those whose worker's replies wait for the end of its
 * batch of calls, written at the loop's next tick should the batch take long.
 */
final class LoopFlushes {

	// Under the loop's name, where this line has always been logged.
	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** Loop thread only. */
	private final List<ConnectionWriter> scheduled = new ArrayList<>();

	/** Added to by workers, without waking the loop. */
	private final ConcurrentLinkedQueue<ConnectionWriter> deferred = new ConcurrentLinkedQueue<>();

	/** Writes this connection's queued bytes at the end of the current turn; loop thread. */
	void schedule(ConnectionWriter writer) {
		if (!writer.flushScheduled) {
			writer.flushScheduled = true;
			this.scheduled.add(writer);
		}
	}

	/** Writes what a worker's handler sent at the loop's next tick, unless the worker flushed it by then. */
	void defer(ConnectionWriter writer) {
		this.deferred.add(writer);
	}

	/** Writes what workers' handlers sent and have not flushed by now: at most one tick late. */
	void flushDeferred() {
		ConnectionWriter writer;
		while ((writer = this.deferred.poll()) != null) {
			writer.flushIfDeferred();
		}
	}

	/** Writes what this turn scheduled. */
	void flushAll() {
		for (int i = 0; i < this.scheduled.size(); i++) {
			ConnectionWriter writer = this.scheduled.get(i);
			writer.flushScheduled = false;
			try {
				writer.flush();
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure writing to a connection", ex);
			}
		}
		this.scheduled.clear();
	}

}
