package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.handshake.UpgradeTarget;
import dev.wsboot.server.PortInUseException;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerException;
import dev.wsboot.server.WsSessionRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket server on NIO: a {@code ws-acceptor} thread, {@code ws-io-N} selector
 * threads owning the connections, and handler calls on the worker executor (or inline on
 * the I/O thread for non-blocking routes). Thousands of idle connections cost no threads.
 */
public final class NioWsServer implements WsServer {

	private static final Logger logger = LoggerFactory.getLogger(NioWsServer.class);

	private static final int ACCEPT_BACKLOG = 4096;

	private final ServerSettings settings;

	private final Map<String, WsRoute> routes = new LinkedHashMap<>();

	private final Map<String, UpgradeTarget> targets = new LinkedHashMap<>();

	private final NioSessionRegistry registry;

	private final AtomicLong sessionIds = new AtomicLong();

	private final AtomicInteger connections = new AtomicInteger();

	/** Session slots taken against max-connections, from the upgrade decision to the socket's close. */
	private final AtomicInteger reservedSessions = new AtomicInteger();

	/** Sessions opened whose onClose has not finished yet; a graceful stop waits for them. */
	private final AtomicInteger unfinishedSessions = new AtomicInteger();

	private final Object stopMonitor = new Object();

	private final Executor executor;

	private final @Nullable ExecutorService ownExecutor;

	private volatile boolean stopping;

	private @Nullable ServerSocketChannel serverChannel;

	private @Nullable InetSocketAddress boundAddress;

	private IoLoop @Nullable [] loops;

	private @Nullable Acceptor acceptor;

	NioWsServer(ServerSettings settings, List<WsRoute> routes) {
		this.settings = settings;
		for (WsRoute route : routes) {
			if (this.routes.putIfAbsent(route.path(), route) != null) {
				throw new IllegalArgumentException("Two routes for the path " + route.path());
			}
			this.targets.put(route.path(), new UpgradeTarget(route.path(), route.subprotocols()));
		}
		this.registry = new NioSessionRegistry(this.routes.keySet());
		if (settings.executor() != null) {
			this.executor = settings.executor();
			this.ownExecutor = null;
		}
		else {
			this.ownExecutor = defaultExecutor();
			this.executor = this.ownExecutor;
		}
	}

	private static ExecutorService defaultExecutor() {
		int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "ws-handler-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), factory);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	@Override
	public synchronized void start() {
		if (this.serverChannel != null) {
			return;
		}
		InetSocketAddress requested = (this.settings.address() != null)
				? new InetSocketAddress(this.settings.address(), this.settings.port())
				: new InetSocketAddress(this.settings.port());
		ServerSocketChannel channel;
		try {
			channel = ServerSocketChannel.open();
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			try {
				channel.bind(requested, ACCEPT_BACKLOG);
			}
			catch (BindException ex) {
				channel.close();
				throw new PortInUseException(this.settings.port(), ex);
			}
			this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
		}
		catch (IOException ex) {
			throw new WsServerException("Could not start the WebSocket server on " + requested, ex);
		}
		this.serverChannel = channel;
		this.stopping = false;
		IoLoop[] ioLoops = new IoLoop[this.settings.ioThreads()];
		for (int i = 0; i < ioLoops.length; i++) {
			ioLoops[i] = new IoLoop(this, i + 1);
			ioLoops[i].start();
		}
		this.loops = ioLoops;
		this.acceptor = new Acceptor(this, channel, ioLoops);
		this.acceptor.start();
		String where = (this.settings.address() != null) ? this.boundAddress.getAddress().getHostAddress()
				: "all interfaces";
		logger.info("WebSocket server started on port {} ({}) with endpoints {}", this.boundAddress.getPort(), where,
				String.join(", ", this.routes.keySet()));
	}

	@Override
	public synchronized void stop() {
		ServerSocketChannel channel = this.serverChannel;
		if (channel == null) {
			return;
		}
		this.stopping = true;
		try {
			channel.close();
			this.acceptor.join(1000);
		}
		catch (IOException ex) {
			logger.debug("Closing the listening socket failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (IoLoop loop : this.loops) {
			loop.forEachConnection(Connection::goAway);
		}
		awaitSessionsClosed(this.settings.shutdownTimeout().toMillis());
		for (IoLoop loop : this.loops) {
			loop.shutdown();
		}
		try {
			for (IoLoop loop : this.loops) {
				loop.join(5000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdown();
		}
		this.serverChannel = null;
		this.loops = null;
		this.acceptor = null;
		logger.debug("WebSocket server on port {} stopped", this.boundAddress.getPort());
	}

	private void awaitSessionsClosed(long timeoutMillis) {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		synchronized (this.stopMonitor) {
			while (this.connections.get() > 0 || this.unfinishedSessions.get() > 0) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					logger.info("Shutdown timeout of {} ms passed with {} connections still open; closing them",
							timeoutMillis, this.connections.get());
					return;
				}
				try {
					this.stopMonitor.wait(left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private void signalStop() {
		if (this.stopping) {
			synchronized (this.stopMonitor) {
				this.stopMonitor.notifyAll();
			}
		}
	}

	@Override
	public @Nullable InetSocketAddress address() {
		return this.boundAddress;
	}

	@Override
	public boolean isRunning() {
		return this.serverChannel != null && !this.stopping;
	}

	@Override
	public WsSessionRegistry sessions() {
		return this.registry;
	}

	/** How many TCP connections are open, upgraded or not. */
	public int connectionCount() {
		return this.connections.get();
	}

	// ---- for connections ----

	ServerSettings settings() {
		return this.settings;
	}

	Executor executor() {
		return this.executor;
	}

	@Nullable WsRoute route(String path) {
		return this.routes.get(path);
	}

	@Nullable UpgradeTarget upgradeTarget(@Nullable WsRoute route) {
		return (route != null) ? this.targets.get(route.path()) : null;
	}

	long nextSessionId() {
		return this.sessionIds.incrementAndGet();
	}

	/** Takes a session slot if fewer than max-connections are taken; exact across I/O threads. */
	boolean reserveSession() {
		int max = this.settings.maxConnections();
		while (true) {
			int taken = this.reservedSessions.get();
			if (taken >= max) {
				return false;
			}
			if (this.reservedSessions.compareAndSet(taken, taken + 1)) {
				return true;
			}
		}
	}

	void releaseSession() {
		this.reservedSessions.decrementAndGet();
	}

	/** Counts a new socket; false when even the slack above max-connections is used up. */
	boolean connectionAccepted() {
		int max = this.settings.maxConnections();
		int hardLimit = max + Math.max(64, max / 10);
		if (this.stopping || this.connections.incrementAndGet() > hardLimit) {
			this.connections.decrementAndGet();
			this.settings.observer().onLimitExceeded("max-connections");
			return false;
		}
		return true;
	}

	void connectionRefused() {
		this.connections.decrementAndGet();
	}

	void connectionClosed() {
		this.connections.decrementAndGet();
		signalStop();
	}

	void sessionOpened(NioWsSession session) {
		this.unfinishedSessions.incrementAndGet();
		this.registry.add(session);
	}

	void sessionEnded(NioWsSession session) {
		this.registry.remove(session);
	}

	void sessionFinished() {
		this.unfinishedSessions.decrementAndGet();
		signalStop();
	}

}
