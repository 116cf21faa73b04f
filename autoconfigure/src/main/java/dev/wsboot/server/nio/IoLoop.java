package dev.wsboot.server.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread ({@code ws-io-N}) and the connections it owns. Each turn it reads at
 * most one buffer per ready connection, so a flooding peer cannot starve the others, runs
 * the tasks other threads handed it, writes what the turn queued, and every so often sweeps
 * its connections' timers: one sweep for all, no timer per connection.
 *
 * <p>The read buffer belongs to the loop, not to a connection: a connection keeps no
 * buffer of its own until a message is actually partial.
 */
final class IoLoop implements Runnable, WorkerHandlerCalls.Scheduling {

	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** One per loop, not per connection: large enough that a big message needs few reads. */
	private static final int READ_BUFFER_SIZE = 128 * 1024;

	private static final int WRITE_BUFFER_SIZE = 128 * 1024;

	/** The loop's tick while handler calls run on workers: how late their replies may be written. */
	private static final long TICK_MILLIS = 1;

	private final NioWsServer server;

	private final Selector selector;

	private final Thread thread;

	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);

	/** Where this loop gathers the frames of one connection for a single write. */
	private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_SIZE);

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final ConnectionReader reader = new ConnectionReader(this);

	/** Created when a first TLS connection needs them; a plain server has none. */
	private @Nullable TlsBuffers tlsBuffers;

	private final ConnectionCloser closer;

	private final ConnectionTimers timers;

	/** False only while the loop sleeps in select with no wake-up asked for. */
	private final AtomicBoolean wakeupPending = new AtomicBoolean(true);

	private final List<Connection> connections = new ArrayList<>();

	private final List<ConnectionWriter> flushes = new ArrayList<>();

	/** Sessions whose new handler calls go to the executor at the end of this turn. */
	private final List<WorkerHandlerCalls> handOffs = new ArrayList<>();

	/** Writers whose worker's replies wait for the end of its batch; flushed at the tick if it takes long. */
	private final ConcurrentLinkedQueue<ConnectionWriter> deferredFlushes = new ConcurrentLinkedQueue<>();

	/** Tasks of handler calls queued or running for this loop's connections. */
	private final AtomicInteger callsInFlight = new AtomicInteger();

	private final long sweepInterval;

	private volatile boolean running = true;

	private long now = System.nanoTime();

	private long nextSweep;

	IoLoop(NioWsServer server, int index) {
		this.server = server;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open a selector", ex);
		}
		this.sweepInterval = server.settings().sweepIntervalNanos();
		this.closer = new ConnectionCloser(server.settings());
		this.timers = new ConnectionTimers(server.settings());
		this.nextSweep = this.now + this.sweepInterval;
		this.thread = new Thread(this, "ws-io-" + index);
	}

	void start() {
		this.thread.start();
	}

	ConnectionReader reader() {
		return this.reader;
	}

	ConnectionCloser closer() {
		return this.closer;
	}

	ConnectionTimers timers() {
		return this.timers;
	}

	/** Whether the calling thread is this loop's. */
	@Override
	public boolean inLoop() {
		return Thread.currentThread() == this.thread;
	}

	/** The loop's direct buffer for writes; only for use on the loop's thread. */
	ByteBuffer writeBuffer() {
		return this.writeBuffer;
	}

	/** The loop's ciphertext buffers for its TLS connections; only for use on the loop's thread. */
	TlsBuffers tlsBuffers() {
		TlsBuffers buffers = this.tlsBuffers;
		if (buffers == null) {
			buffers = new TlsBuffers();
			this.tlsBuffers = buffers;
		}
		return buffers;
	}

	/**
	 * Reads from {@code connection} now, although the selector did not say it is readable:
	 * its transport holds input already. Loop thread, outside any other read; nothing
	 * while the connection's input is paused.
	 */
	void readNow(Connection connection) {
		if (!connection.isClosed() && connection.isReading()) {
			this.now = System.nanoTime();
			this.reader.onReadable(connection, this.readBuffer);
		}
	}

	/** {@link #readNow} later in this turn, once the read under way is done. */
	void readSoon(Connection connection) {
		execute(() -> readNow(connection));
	}

	/** The time of the current turn, in {@link System#nanoTime()} units. */
	long now() {
		return this.now;
	}

	/** Runs a task on this loop's thread, soon; wakes the loop only if it sleeps. */
	void execute(Runnable task) {
		this.tasks.add(task);
		if (this.wakeupPending.compareAndSet(false, true)) {
			this.selector.wakeup();
		}
	}

	/** Takes ownership of an accepted socket. */
	void adopt(SocketChannel channel) {
		execute(() -> register(channel));
	}

	private void register(SocketChannel channel) {
		Connection connection;
		try {
			connection = new Connection(this.server, this, channel);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not set up a connection: {}", ex.toString());
			closeQuietly(channel);
			this.server.connectionClosed();
			return;
		}
		try {
			connection.registered(channel.register(this.selector, SelectionKey.OP_READ, connection));
		}
		catch (ClosedChannelException ex) {
			// Counts the connection as closed, and releases its TLS engine if it has one.
			connection.closeNow();
			return;
		}
		connection.loopIndex = this.connections.size();
		this.connections.add(connection);
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.trace("Closing a socket failed", ex);
		}
	}

	/** Forgets a closed connection (O(1): the last one takes its slot). */
	void remove(Connection connection) {
		int index = connection.loopIndex;
		if (index < 0) {
			return;
		}
		Connection last = this.connections.remove(this.connections.size() - 1);
		if (last != connection) {
			this.connections.set(index, last);
			last.loopIndex = index;
		}
		connection.loopIndex = -1;
	}

	@Override
	public void handOffAtEndOfTurn(WorkerHandlerCalls calls) {
		this.handOffs.add(calls);
	}

	@Override
	public void callsStarted() {
		this.callsInFlight.incrementAndGet();
	}

	@Override
	public void callsEnded() {
		this.callsInFlight.decrementAndGet();
	}

	/**
	 * A worker's handler sent something whose writing waits for the end of its batch of
	 * calls; should the batch take longer than a tick, the loop writes it then. No wake-up.
	 */
	void deferFlush(ConnectionWriter writer) {
		this.deferredFlushes.add(writer);
	}

	/** Writes this connection's queued bytes at the end of the current turn. */
	void scheduleFlush(ConnectionWriter writer) {
		if (!writer.flushScheduled) {
			writer.flushScheduled = true;
			this.flushes.add(writer);
		}
	}

	/** Visits every connection of this loop on its thread. */
	void forEachConnection(Consumer<Connection> action) {
		execute(() -> new ArrayList<>(this.connections).forEach(action));
	}

	void shutdown() {
		this.running = false;
		this.selector.wakeup();
	}

	void join(long millis) throws InterruptedException {
		this.thread.join(millis);
	}

	/** Whether the loop's thread has finished (or never started). */
	boolean hasEnded() {
		return !this.thread.isAlive();
	}

	@Override
	public void run() {
		while (this.running) {
			try {
				turn();
			}
			catch (Throwable ex) {
				// A bug must not take down every connection of this thread.
				logger.error("Unexpected failure in {}", this.thread.getName(), ex);
			}
		}
		for (Connection connection : new ArrayList<>(this.connections)) {
			connection.closeNow();
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.trace("Closing the selector failed", ex);
		}
	}

	private void turn() throws IOException {
		if (this.tasks.isEmpty()) {
			// About to sleep: from here on, whoever hands this loop a task wakes it.
			this.wakeupPending.set(false);
			// While handlers run on workers, tick every millisecond so that what a slow
			// handler sent is written while it still runs.
			long timeoutMillis = (this.callsInFlight.get() > 0) ? TICK_MILLIS
					: Math.max(1, (this.nextSweep - System.nanoTime()) / 1_000_000);
			if (this.tasks.isEmpty()) {
				this.selector.select(this::onSelected, timeoutMillis);
			}
			else {
				this.selector.selectNow(this::onSelected);
			}
			this.wakeupPending.set(true);
		}
		else {
			this.selector.selectNow(this::onSelected);
		}
		this.now = System.nanoTime();
		runTasks();
		flushDeferred();
		flushAll();
		handOffAll();
		if (this.now - this.nextSweep >= 0) {
			sweep();
		}
	}

	private void onSelected(SelectionKey key) {
		Connection connection = (Connection) key.attachment();
		try {
			int ready = key.readyOps();
			if ((ready & SelectionKey.OP_WRITE) != 0) {
				connection.writer().onWritable();
			}
			if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
				this.now = System.nanoTime();
				this.reader.onReadable(connection, this.readBuffer);
			}
		}
		catch (CancelledKeyException ex) {
			connection.closeNow();
		}
		catch (RuntimeException ex) {
			logger.error("Unexpected failure on a connection; closing it", ex);
			connection.closeNow();
		}
	}

	private void runTasks() {
		Runnable task;
		int budget = 4096;
		while (budget-- > 0 && (task = this.tasks.poll()) != null) {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure in an I/O task", ex);
			}
		}
	}

	private void handOffAll() {
		int count = this.handOffs.size();
		if (count == 0) {
			return;
		}
		if (count == 1) {
			this.handOffs.get(0).start();
			this.handOffs.clear();
			return;
		}
		// One hand-off from this thread; a worker hands the rest over. Each hand-off may wake
		// a worker that then takes the CPU, so this thread finishes its turn first.
		WorkerHandlerCalls[] batch = this.handOffs.toArray(new WorkerHandlerCalls[0]);
		this.handOffs.clear();
		try {
			this.server.executor().execute(() -> {
				for (WorkerHandlerCalls calls : batch) {
					calls.start();
				}
			});
		}
		catch (RuntimeException ex) {
			for (WorkerHandlerCalls calls : batch) {
				calls.start();
			}
		}
	}

	/** Writes what workers' handlers sent and have not flushed by now: at most one tick late. */
	private void flushDeferred() {
		ConnectionWriter writer;
		while ((writer = this.deferredFlushes.poll()) != null) {
			writer.flushIfDeferred();
		}
	}

	private void flushAll() {
		for (int i = 0; i < this.flushes.size(); i++) {
			ConnectionWriter writer = this.flushes.get(i);
			writer.flushScheduled = false;
			try {
				writer.flush();
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure writing to a connection", ex);
			}
		}
		this.flushes.clear();
	}

	private void sweep() {
		this.nextSweep = this.now + this.sweepInterval;
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (i < this.connections.size()) {
				Connection connection = this.connections.get(i);
				try {
					this.closer.checkTimers(connection, this.now);
					connection.trim();
				}
				catch (RuntimeException ex) {
					// One connection's failure must not stop the others' timers.
					logger.error("Unexpected failure checking a connection's timers; closing it", ex);
					connection.closeNow();
				}
			}
		}
		flushAll();
	}

}
