package dev.wsboot.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Opens many connections with a bounded number of TCP connects and upgrades in progress (so the
 * server's accept backlog is not flooded), spread over the I/O threads and source addresses.
 */
final class Connector {

	private final LoadRun run;

	private int opened;

	Connector(LoadRun run) {
		this.run = run;
	}

	/** The outcome of one {@link #open} call. */
	record Batch(List<ClientConnection> connections, int open, int failed, double seconds) {
	}

	/**
	 * Opens {@code count} connections, the {@code i}th with {@code listeners.apply(i)}, and waits
	 * until each is open or has failed, or the run's timeout passes.
	 */
	Batch open(int count, IntFunction<ConnectionListener> listeners) throws InterruptedException {
		return open(count, listeners, (i) -> this.run.settings());
	}

	/**
	 * Opens {@code count} connections as {@link #open(int, IntFunction)} does, the {@code i}th
	 * to the server of {@code servers.apply(i)}.
	 */
	Batch open(int count, IntFunction<ConnectionListener> listeners, IntFunction<ConnectionSettings> servers)
			throws InterruptedException {
		LoadOptions options = this.run.options();
		Semaphore inProgress = new Semaphore(options.connectConcurrency());
		CountDownLatch settled = new CountDownLatch(count);
		AtomicInteger open = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		List<ClientConnection> connections = new ArrayList<>(count);
		long start = System.nanoTime();
		long deadline = start + options.timeout().toNanos();
		long lastReport = start;
		for (int i = 0; i < count; i++) {
			if (!inProgress.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				break;
			}
			ConnectionListener listener = new Settling(listeners.apply(i), () -> {
				inProgress.release();
				settled.countDown();
			}, open, failed);
			int n = this.opened++;
			IoThread io = this.run.thread(n);
			ClientConnection connection = this.run.newConnection(io, this.run.bindAddress(n), listener, servers.apply(i));
			connections.add(connection);
			io.execute(connection::start);
			if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(1)) {
				lastReport = System.nanoTime();
				LoadRun.progress("connecting: %,d started, %,d open, %,d failed", i + 1, open.get(), failed.get());
			}
		}
		if (!settled.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
			this.run.errors().record(Errors.INCOMPLETE, "only " + open.get() + " of " + count + " connections opened in "
					+ options.timeout().toSeconds() + " s");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		LoadRun.progress("connected: %,d open, %,d failed in %.2f s", open.get(), failed.get(), seconds);
		return new Batch(connections, open.get(), failed.get(), seconds);
	}

	/** Marks a connection as settled the first time it opens or closes, then passes events on. */
	private static final class Settling implements ConnectionListener {

		private final ConnectionListener delegate;

		private final Runnable onSettled;

		private final AtomicInteger open;

		private final AtomicInteger failed;

		private boolean settled;

		Settling(ConnectionListener delegate, Runnable onSettled, AtomicInteger open, AtomicInteger failed) {
			this.delegate = delegate;
			this.onSettled = onSettled;
			this.open = open;
			this.failed = failed;
		}

		@Override
		public void onOpen(ClientConnection connection) {
			settle(this.open);
			this.delegate.onOpen(connection);
		}

		@Override
		public void onMessage(ClientConnection connection, long seq) {
			this.delegate.onMessage(connection, seq);
		}

		@Override
		public void onClosed(ClientConnection connection, boolean clean) {
			settle(this.failed);
			this.delegate.onClosed(connection, clean);
		}

		private void settle(AtomicInteger outcome) {
			if (!this.settled) {
				this.settled = true;
				outcome.incrementAndGet();
				this.onSettled.run();
			}
		}
	}
}
