package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerException;
import dev.wsboot.server.WsSession;
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

	private final ServerSettings settings;

	private final RouteTable routes;

	private final NioSessionRegistry registry;

	private final LoopFactory loopFactory;

	private final AtomicLong sessionIds = new AtomicLong();

	private final ConnectionCounters counters;

	private final HandlerExecutor handlerExecutor;

	/** The handshake interceptors of each endpoint that has some, by template. */
	private final Map<String, HandshakeInterceptors> interceptors;

	private final @Nullable AddressLimits addressLimits;

	private volatile boolean stopping;

	private volatile @Nullable Running running;

	/** What a started server holds, built completely before it is published. */
	private record Running(ServerSocketChannel channel, InetSocketAddress address, IoLoop[] loops, Acceptor acceptor,
			Executor executor, @Nullable ExecutorService ownExecutor) {
	}

	/** Makes the I/O loops; a seam for tests of a start that fails half-way. */
	@FunctionalInterface
	interface LoopFactory {

		IoLoop create(NioWsServer server, int index);

	}

	NioWsServer(ServerSettings settings, List<WsRoute> routes, LoopFactory loopFactory) {
		this.settings = settings;
		this.routes = new RouteTable(routes, settings);
		this.registry = new NioSessionRegistry(this.routes.paths());
		this.loopFactory = loopFactory;
		this.counters = new ConnectionCounters(settings.maxConnections());
		this.handlerExecutor = new HandlerExecutor(settings.executor(), settings.observer());
		this.interceptors = HandshakeInterceptors.byTemplate(settings.interceptors(), this.routes.paths());
		this.addressLimits = settings.abuseLimits().limitsAddresses() ? new AddressLimits(settings.abuseLimits()) : null;
	}

	@Override
	public synchronized void start() {
		if (this.running != null) {
			return;
		}
		InetSocketAddress requested = (this.settings.address() != null)
				? new InetSocketAddress(this.settings.address(), this.settings.port())
				: new InetSocketAddress(this.settings.port());
		ServerSocketChannel channel = null;
		IoLoop[] loops = new IoLoop[this.settings.ioThreads()];
		ExecutorService ownExecutor = null;
		try {
			channel = Acceptor.bind(requested, this.settings.port());
			InetSocketAddress address = (InetSocketAddress) channel.getLocalAddress();
			Executor executor = this.handlerExecutor.forRun();
			if (this.handlerExecutor.isOwn(executor)) {
				ownExecutor = (ExecutorService) executor;
			}
			this.stopping = false;
			for (int i = 0; i < loops.length; i++) {
				loops[i] = this.loopFactory.create(this, i + 1);
				loops[i].start();
			}
			Acceptor acceptor = new Acceptor(this, channel, loops);
			acceptor.start();
			this.running = new Running(channel, address, loops, acceptor, executor, ownExecutor);
			String where = (this.settings.address() != null) ? address.getAddress().getHostAddress() : "all interfaces";
			logger.info("WebSocket server started on port {} ({}{}) with endpoints {}", address.getPort(), where,
					(this.settings.sslEngines() != null) ? ", TLS" : "", String.join(", ", this.routes.paths()));
		}
		catch (IOException | RuntimeException | Error ex) {
			rollBack(channel, loops, ownExecutor);
			if (ex instanceof WsServerException serverException) {
				throw serverException;
			}
			throw new WsServerException("Could not start the WebSocket server on " + requested, ex);
		}
	}

	/** Undoes a start that failed half-way: no thread left running, the port free. */
	private void rollBack(@Nullable ServerSocketChannel channel, IoLoop[] loops, @Nullable ExecutorService ownExecutor) {
		if (channel != null) {
			Acceptor.close(channel);
		}
		for (IoLoop loop : loops) {
			if (loop != null) {
				loop.shutdown();
				loop.awaitExit(1000);
			}
		}
		if (ownExecutor != null) {
			ownExecutor.shutdownNow();
		}
	}

	/**
	 * Stops within the shutdown timeout: stops accepting, sends 1001 to every session, waits
	 * for their close replies and their {@code onClose} calls, then closes what is left and
	 * waits, in what remains of the timeout, for the {@code onClose} calls that causes.
	 */
	@Override
	public synchronized void stop() {
		Running current = this.running;
		if (current == null) {
			return;
		}
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		this.stopping = true;
		Acceptor.close(current.channel());
		current.acceptor().awaitExit(1000);
		for (IoLoop loop : current.loops()) {
			loop.forEachConnection((connection) -> loop.closer().goAway(connection));
		}
		awaitIdle(deadline);
		for (IoLoop loop : current.loops()) {
			loop.shutdown();
		}
		for (IoLoop loop : current.loops()) {
			loop.awaitExit(Math.max(1000, remainingMillis(deadline)));
		}
		awaitIdle(deadline);
		if (current.ownExecutor() != null) {
			current.ownExecutor().shutdown();
		}
		this.running = null;
		logger.debug("WebSocket server on port {} stopped", current.address().getPort());
	}

	private static long remainingMillis(long deadline) {
		return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
	}

	private void awaitIdle(long deadline) {
		if (!this.counters.awaitIdle(deadline)) {
			logger.info("Shutdown timeout of {} passed with {} connections still open; closing them",
					this.settings.shutdownTimeout(), this.counters.connections());
		}
	}

	@Override
	public @Nullable InetSocketAddress address() {
		Running current = this.running;
		return (current != null) ? current.address() : null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null && !this.stopping;
	}

	@Override
	public WsSessionRegistry sessions() {
		return this.registry;
	}

	@Override
	public int connectionCount() {
		return this.counters.connections();
	}

	// ---- for connections ----

	ServerSettings settings() {
		return this.settings;
	}

	RouteTable routes() {
		return this.routes;
	}

	/** The handshake interceptors of the endpoint at {@code template}, or {@code null} when it has none. */
	@Nullable HandshakeInterceptors interceptors(String template) {
		return this.interceptors.isEmpty() ? null : this.interceptors.get(template);
	}

	/** The per-address limits, or {@code null} when addresses are not limited. */
	@Nullable AddressLimits addressLimits() {
		return this.addressLimits;
	}

	Executor executor() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("The server is not running");
		}
		return current.executor();
	}

	long nextSessionId() {
		return this.sessionIds.incrementAndGet();
	}

	boolean reserveSession() {
		return this.counters.reserveSlot();
	}

	void releaseSession() {
		this.counters.releaseSlot();
	}

	/** Counts a new socket; false when stopping or when even the slack above max-connections is used up. */
	boolean connectionAccepted() {
		if (this.stopping || !this.counters.connectionOpened()) {
			this.settings.observer().onLimitExceeded("max-connections");
			return false;
		}
		return true;
	}

	void connectionRefused() {
		this.counters.connectionClosed();
	}

	void connectionClosed() {
		this.counters.connectionClosed();
	}

	void sessionOpened(NioWsSession session) {
		this.counters.sessionOpened();
		this.registry.add(session);
	}

	/** Takes the session out of the registry; false when it was out already, so that a session ends once. */
	boolean sessionEnded(NioWsSession session) {
		return this.registry.remove(session);
	}

	void sessionFinished() {
		this.counters.sessionFinished();
	}

	/** The executor refused a hand-off, which then runs on the I/O thread. */
	void onExecutorRejected(@Nullable WsSession session) {
		this.handlerExecutor.onRejected(session);
	}

}
