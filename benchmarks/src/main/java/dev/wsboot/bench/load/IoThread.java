package dev.wsboot.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One selector thread and everything its connections share: the read buffer, a random source
 * for masking keys, timers, and tasks handed over from other threads. Connections are only
 * ever touched by their own I/O thread.
 */
final class IoThread implements Runnable {

	static final int POOLED_BUFFER_SIZE = 4096;

	private static final int POOL_LIMIT = 1024;

	private static final long MAX_SELECT_MILLIS = 100;

	private final int index;

	private final Selector selector;

	private final Thread thread;

	private final ByteBuffer readBuffer;

	private final SplittableRandom random;

	private final MessageDigest sha1;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparingLong(Timer::deadline));

	private final List<ClientConnection> dirty = new ArrayList<>();

	private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();

	private volatile boolean running = true;

	IoThread(int index, int readBufferSize, long seed) {
		this.index = index;
		try {
			this.selector = Selector.open();
			this.sha1 = MessageDigest.getInstance("SHA-1");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		this.readBuffer = ByteBuffer.allocateDirect(readBufferSize);
		// Masking keys need no cryptographic strength against our own server on loopback.
		this.random = new SplittableRandom(seed);
		this.thread = new Thread(this, "load-io-" + index);
	}

	int index() {
		return this.index;
	}

	Thread thread() {
		return this.thread;
	}

	Selector selector() {
		return this.selector;
	}

	ByteBuffer readBuffer() {
		return this.readBuffer;
	}

	SplittableRandom random() {
		return this.random;
	}

	MessageDigest sha1() {
		return this.sha1;
	}

	void start() {
		this.thread.start();
	}

	/** Runs {@code task} on this thread, soon. */
	void execute(Runnable task) {
		this.tasks.add(task);
		if (Thread.currentThread() != this.thread) {
			this.selector.wakeup();
		}
	}

	/** Runs {@code action} on this thread after {@code delayNanos}, unless cancelled. Own thread only. */
	Timer schedule(long delayNanos, Runnable action) {
		Timer timer = new Timer(System.nanoTime() + delayNanos, action);
		this.timers.add(timer);
		return timer;
	}

	/** Has {@code connection} flushed at the end of this loop turn, once, however many frames it queued. */
	void markDirty(ClientConnection connection) {
		this.dirty.add(connection);
	}

	ByteBuffer takeBuffer() {
		ByteBuffer buffer = this.pool.poll();
		return (buffer != null) ? buffer.clear() : ByteBuffer.allocateDirect(POOLED_BUFFER_SIZE);
	}

	void giveBack(ByteBuffer buffer) {
		if (this.pool.size() < POOL_LIMIT) {
			this.pool.push(buffer);
		}
	}

	/** Stops the loop; its connections are aborted on the way out. */
	void shutdown() {
		this.running = false;
		this.selector.wakeup();
	}

	void join(long millis) throws InterruptedException {
		this.thread.join(millis);
	}

	@Override
	public void run() {
		try {
			while (this.running) {
				runTasks();
				flushDirty();
				if (this.tasks.isEmpty()) {
					this.selector.select(this::dispatch, selectTimeoutMillis());
				}
				else {
					this.selector.selectNow(this::dispatch);
				}
				// Timers after the ready keys: when this thread was starved of CPU, what already
				// arrived must be handled before a deadline calls it missing.
				runTimers();
				flushDirty();
			}
		}
		catch (IOException ex) {
			System.err.println("I/O thread " + this.index + " failed: " + ex);
		}
		finally {
			abortAll();
		}
	}

	private void dispatch(SelectionKey key) {
		((ClientConnection) key.attachment()).handle(key);
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
	}

	private void runTimers() {
		long now = System.nanoTime();
		Timer timer;
		while ((timer = this.timers.peek()) != null && (timer.cancelled || timer.deadline - now <= 0)) {
			this.timers.poll();
			if (!timer.cancelled) {
				timer.action.run();
			}
		}
	}

	private long selectTimeoutMillis() {
		Timer next = this.timers.peek();
		if (next == null) {
			return MAX_SELECT_MILLIS;
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(next.deadline - System.nanoTime()) + 1;
		return Math.max(1, Math.min(MAX_SELECT_MILLIS, millis));
	}

	private void flushDirty() {
		// Flushing can fail a connection, whose listener can then queue frames on another one.
		for (int i = 0; i < this.dirty.size(); i++) {
			this.dirty.get(i).flush();
		}
		this.dirty.clear();
	}

	private void abortAll() {
		for (SelectionKey key : new ArrayList<>(this.selector.keys())) {
			((ClientConnection) key.attachment()).abort();
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// Nothing left to do with it.
		}
	}

	/** A pending action; cancelled timers stay queued until their deadline and are then dropped. */
	static final class Timer {

		private final long deadline;

		private final Runnable action;

		private boolean cancelled;

		Timer(long deadline, Runnable action) {
			this.deadline = deadline;
			this.action = action;
		}

		long deadline() {
			return this.deadline;
		}

		void cancel() {
			this.cancelled = true;
		}
	}
}
