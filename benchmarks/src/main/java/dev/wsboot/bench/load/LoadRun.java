package dev.wsboot.bench.load;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** What a scenario works with: the options, the started I/O threads, the connection settings and the error counts. */
final class LoadRun implements AutoCloseable {

	private static final int SMALL_READ_BUFFER = 64 * 1024;

	private static final int LARGE_READ_BUFFER = 256 * 1024;

	private final LoadOptions options;

	private final Errors errors;

	private final ConnectionSettings settings;

	/** The settings for each other server port that connections of this run go to. */
	private final Map<Integer, ConnectionSettings> otherServers = new HashMap<>();

	private final List<IoThread> threads = new ArrayList<>();

	private boolean stopped;

	LoadRun(LoadOptions options, Errors errors) {
		this.options = options;
		this.errors = errors;
		this.settings = newSettings(options.port());
		int readBuffer = (options.size() > SMALL_READ_BUFFER) ? LARGE_READ_BUFFER : SMALL_READ_BUFFER;
		for (int i = 0; i < options.threads(); i++) {
			this.threads.add(new IoThread(i, readBuffer, options.seed() + 1 + i));
		}
		this.threads.forEach(IoThread::start);
	}

	private ConnectionSettings newSettings(int port) {
		InetSocketAddress server = new InetSocketAddress(this.options.host(), port);
		if (!server.getAddress().isLoopbackAddress()) {
			throw new IllegalArgumentException("the load generator only targets loopback addresses, not " + this.options.host());
		}
		return new ConnectionSettings(server, new HandshakeWriter(this.options.host(), port, this.options.path()),
				this.options.json() ? PayloadPattern.json(this.options.size(), this.options.seed())
						: new PayloadPattern(this.options.size(), !this.options.binary(), this.options.seed()),
				this.errors, this.options.handshakeTimeout().toNanos(), this.options.closeTimeout().toNanos());
	}

	LoadOptions options() {
		return this.options;
	}

	Errors errors() {
		return this.errors;
	}

	List<IoThread> threads() {
		return this.threads;
	}

	/** The I/O thread for the {@code n}th connection, in turn. */
	IoThread thread(int n) {
		return this.threads.get(n % this.threads.size());
	}

	/** The source address for the {@code n}th connection, in turn, or {@code null} to let the system pick. */
	InetAddress bindAddress(long n) {
		List<InetAddress> addresses = this.options.bindAddresses();
		return addresses.isEmpty() ? null : addresses.get((int) (n % addresses.size()));
	}

	/** The settings of the server at {@code --port}. */
	ConnectionSettings settings() {
		return this.settings;
	}

	/**
	 * The settings of the server at {@code port} on the same host, with the same path and
	 * messages: all servers of a run send and verify the same pattern.
	 */
	ConnectionSettings settings(int port) {
		return (port == this.options.port()) ? this.settings
				: this.otherServers.computeIfAbsent(port, this::newSettings);
	}

	/** A connection to the server at {@code --port} that still has to be started, on its I/O thread. */
	ClientConnection newConnection(IoThread io, InetAddress localAddress, ConnectionListener listener) {
		return newConnection(io, localAddress, listener, this.settings);
	}

	/** A connection that still has to be started, on its I/O thread. */
	ClientConnection newConnection(IoThread io, InetAddress localAddress, ConnectionListener listener,
			ConnectionSettings settings) {
		return new ClientConnection(io, settings, localAddress, listener);
	}

	Connector connector() {
		return new Connector(this);
	}

	CpuWindow startWindow() {
		return CpuWindow.start(this.threads, this.options.serverPid(), this.options.watchPids());
	}

	/** Fails early, with a clear message, when this process may not open {@code sockets} descriptors. */
	void requireFileDescriptors(long sockets) {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
			long limit = unix.getMaxFileDescriptorCount();
			if (sockets + 64 > limit) {
				throw new IllegalStateException("this run needs about " + (sockets + 64) + " file descriptors, the limit is "
						+ limit + "; raise it with ulimit -n (the server needs as many)");
			}
		}
	}

	/**
	 * Closes every connection with code 1000 and waits until all are closed, or the run's timeout
	 * passes. At most {@code --connect-concurrency} closing handshakes are in progress at once, so
	 * closing 10 000 connections does not flood the server, and each connection's close timeout
	 * starts when its own close frame is sent.
	 */
	void closeAll(Collection<ClientConnection> connections) {
		Semaphore inProgress = new Semaphore(this.options.connectConcurrency());
		long deadline = System.nanoTime() + this.options.timeout().toNanos();
		try {
			for (ClientConnection connection : connections) {
				if (connection.isClosed()) {
					continue;
				}
				if (!inProgress.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				connection.io().execute(() -> connection.close(1000, inProgress::release));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		long lastDeadline = Math.min(deadline,
				System.nanoTime() + this.options.closeTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1));
		while (System.nanoTime() - lastDeadline < 0 && connections.stream().anyMatch((c) -> !c.isClosed())) {
			sleep(Duration.ofMillis(20));
		}
	}

	/** Sleeps for {@code duration}, printing {@code label} and a running count once a second. */
	void sleepWithProgress(Duration duration, String label, LongSupplier count) {
		long end = System.nanoTime() + duration.toNanos();
		long start = System.nanoTime();
		long last = count.getAsLong();
		while (true) {
			long left = end - System.nanoTime();
			if (left <= 0) {
				return;
			}
			sleep(Duration.ofNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1))));
			long now = count.getAsLong();
			progress("%s %5.1fs  %,d (+%,d)  errors %d", label, (System.nanoTime() - start) / 1e9, now, now - last,
					this.errors.total());
			last = now;
		}
	}

	static void progress(String format, Object... args) {
		System.err.println(String.format(format, args));
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(0, duration.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** Stops the I/O threads, aborting what is still open; histograms may be read afterwards. */
	void stopThreads() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		this.threads.forEach(IoThread::shutdown);
		for (IoThread thread : this.threads) {
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		stopThreads();
	}
}
