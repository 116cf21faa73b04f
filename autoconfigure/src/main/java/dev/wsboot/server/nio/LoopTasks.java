package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks other threads hand one {@link IoLoop}, and the loop's wait in its selector for
 * them or for ready sockets: a task wakes the selector only while the loop sleeps in it, so
 * that a busy loop takes tasks without a system call each.
 */
final class LoopTasks {

	// Under the loop's name, where this line has always been logged.
	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** Tasks run per turn at most, so that a flood of them does not stop the loop's reads. */
	private static final int TASKS_PER_TURN = 4096;

	private final Selector selector;

	/** How long the loop may sleep when nothing wakes it, in milliseconds. */
	private final LongSupplier sleepMillis;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	/** False only while the loop sleeps in select with no wake-up asked for. */
	private final AtomicBoolean wakeupPending = new AtomicBoolean(true);

	LoopTasks(Selector selector, LongSupplier sleepMillis) {
		this.selector = selector;
		this.sleepMillis = sleepMillis;
	}

	/** Queues a task for the loop's thread; wakes the loop only if it sleeps. Any thread. */
	void add(Runnable task) {
		this.tasks.add(task);
		if (this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/**
	 * Hands the keys the selector finds ready to {@code onSelected}: at once when tasks wait,
	 * else after sleeping until a key is ready, a task comes, or the sleep is over.
	 */
	void select(Consumer<SelectionKey> onSelected) throws IOException {
		if (this.tasks.isEmpty()) {
			// About to sleep: from here on, whoever hands this loop a task wakes it.
			this.wakeupPending.set(false);
			long timeoutMillis = this.sleepMillis.getAsLong();
			if (this.tasks.isEmpty()) {
				this.selector.select(onSelected, timeoutMillis);
			}
			else {
				this.selector.selectNow(onSelected);
			}
			this.wakeupPending.set(true);
		}
		else {
			this.selector.selectNow(onSelected);
		}
	}

	/** Runs the tasks queued, up to a turn's share. */
	void run() {
		Runnable task;
		int budget = TASKS_PER_TURN;
		while (budget-- > 0 && (task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure in an I/O task", ex);
			}
		}
	}

}
