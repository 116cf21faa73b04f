package dev.wsboot.server.nio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread ({@code ws-io-N}) and the connections it owns, and the turn it takes
 * over and over. Each turn it reads at most one buffer per ready connection, so a flooding
 * peer cannot starve the others, runs the tasks other threads handed it
 * ({@link LoopTasks}), writes what the turn queued ({@link LoopFlushes}), hands new handler
 * calls to workers ({@link WorkerHandOffs}), and every so often sweeps the timers of its
 * {@link LoopConnections}: one sweep for all, no timer per connection.
 *
 * <p>The read buffer belongs to the loop, not to a connection: a connection keeps no
 * buffer of its own until a message is actually partial. Likewise the helpers that act on
 * its connections are the loop's, while each connection keeps their state:
 * {@link ConnectionUpgrader}, {@link ConnectionReader}, {@link ConnectionCloser},
 * {@link ConnectionTimers} and {@link ConnectionTeardown}.
 */
final class IoLoop implements Runnable, WorkerHandlerCalls.Scheduling {

	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	/** One per loop, not per connection: large enough that a big message needs few reads. */
	private static final int READ_BUFFER_SIZE = 128 * 1024;

	private static final int WRITE_BUFFER_SIZE = 128 * 1024;

	/** The loop's tick while handler calls run on workers: how late their replies may be written. */
	private static final long TICK_MILLIS = 1;

	private final Selector selector;

	private final Thread thread;

	private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);

	/** Where this loop gathers the frames of one connection for a single write. */
	private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER_SIZE);

	private final LoopTasks tasks;

	/** Created when a first TLS connection needs them; a plain server has none. */
	private @Nullable TlsBuffers tlsBuffers;

	private final ConnectionUpgrader upgrader = new ConnectionUpgrader(this);

	private final ConnectionReader reader = new ConnectionReader(this);

	private final NioWsServer server;

	private final ConnectionCloser closer;

	private final ConnectionTimers timers;

	private final ConnectionTeardown teardown = new ConnectionTeardown(this);

	private final LoopConnections connections;

	private final LoopFlushes flushes = new LoopFlushes();

	private final WorkerHandOffs handOffs;

	private volatile boolean running = true;

	private long now = System.nanoTime();

	IoLoop(NioWsServer server, int index) {
		this.server = server;
		try {
			this.selector = Selector.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open a selector", ex);
		}
		this.tasks = new LoopTasks(this.selector, this::sleepMillis);
		this.connections = new LoopConnections(server, this, this.selector, this.now);
		this.handOffs = new WorkerHandOffs(server);
		this.closer = new ConnectionCloser(server.settings());
		this.timers = new ConnectionTimers(server.settings());
		this.thread = new Thread(this, "ws-io-" + index);
	}

	void start() {
		this.thread.start();
	}

	ConnectionUpgrader upgrader() {
		return this.upgrader;
	}

	ConnectionReader reader() {
		return this.reader;
	}

	ConnectionCloser closer() {
		return this.closer;
	}

	/** The server this loop serves: its connections find it here rather than each keeping it. */
	NioWsServer server() {
		return this.server;
	}

	ConnectionTimers timers() {
		return this.timers;
	}

	ConnectionTeardown teardown() {
		return this.teardown;
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
	}

	/** Takes ownership of an accepted socket. */
	void adopt(SocketChannel channel) {
		execute(() -> this.connections.register(channel));
	}

	/** Forgets a closed connection. */
	void remove(Connection connection) {
		this.connections.remove(connection);
	}

	@Override
	public void handOffAtEndOfTurn(WorkerHandlerCalls calls) {
		this.handOffs.add(calls);
	}

	@Override
	public void callsStarted() {
		this.handOffs.callsStarted();
	}

	@Override
	public void callsEnded() {
		this.handOffs.callsEnded();
	}

	/**
	 * A worker's handler sent something whose writing waits for the end of its batch of
	 * calls; should the batch take longer than a tick, the loop writes it then. No wake-up.
	 */
	void deferFlush(Connection connection) {
		this.flushes.defer(connection);
	}

	/** Writes this connection's queued bytes at the end of the current turn. */
	void scheduleFlush(Connection connection) {
		this.flushes.schedule(connection);
	}

	/** Visits every connection of this loop on its thread. */
	void forEachConnection(Consumer<Connection> action) {
		execute(() -> this.connections.forEach(action));
	}

	void shutdown() {
		this.running = false;
		this.selector.wakeup();
	}

	/** Waits up to {@code millis} for the thread to end; an interrupt ends the wait, and stays set. */
	void awaitExit(long millis) {
		try {
			this.thread.join(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
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
		this.connections.closeAll();
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			logger.trace("Closing the selector failed", ex);
		}
	}

	private void turn() throws IOException {
		this.tasks.select(this::onSelected);
		this.now = System.nanoTime();
		this.tasks.run();
		this.flushes.flushDeferred();
		this.flushes.flushAll();
		this.handOffs.startAll();
		if (this.connections.sweepIfDue(this.now)) {
			this.flushes.flushAll();
		}
	}

	/** How long the loop may sleep when nothing wakes it: until the next sweep, or a tick. */
	private long sleepMillis() {
		// While handlers run on workers, tick every millisecond so that what a slow
		// handler sent is written while it still runs.
		return this.handOffs.hasCallsInFlight() ? TICK_MILLIS
				: Math.max(1, (this.connections.nextSweep() - System.nanoTime()) / 1_000_000);
	}

	private void onSelected(SelectionKey key) {
		Connection connection = (Connection) key.attachment();
		try {
			int ready = key.readyOps();
			if ((ready & SelectionKey.OP_WRITE) != 0) {
				SocketWriter.onWritable(connection);
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

}
