package dev.wsboot.server.nio;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.handshake.Rfc6455HandshakeHandler;
import dev.wsboot.protocol.FrameCodec;
import dev.wsboot.protocol.Rfc6455FrameCodec;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.forwarded.TrustedProxies;
import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ConfigurableWsServerFactory} for {@link NioWsServer}. Usable without Spring:
 * set what differs from the defaults, then {@link #create(List)} and start the server.
 */
public class NioWsServerFactory implements ConfigurableWsServerFactory {

	private @Nullable InetAddress address;

	private int port = 8081;

	private WebSocketLimits limits = WebSocketLimits.DEFAULTS;

	private HandshakeLimits handshakeLimits = HandshakeLimits.DEFAULTS;

	private HandshakeHandler handshakeHandler = new Rfc6455HandshakeHandler();

	private FrameCodec frameCodec = new Rfc6455FrameCodec();

	/** Null until set: the server then runs its own bounded pool. */
	private @Nullable Executor executor;

	private int ioThreads = Runtime.getRuntime().availableProcessors();

	private Duration handshakeTimeout = Duration.ofSeconds(10);

	private Duration idleTimeout = Duration.ZERO;

	private Duration pingInterval = Duration.ZERO;

	private Duration closeTimeout = Duration.ofSeconds(5);

	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private int maxConnections = 10_000;

	private int maxOutboundBuffer = 4 * 1024 * 1024;

	private WsServerObserver observer = WsServerObserver.NONE;

	private List<ExtensionFactory> extensions = List.of();

	private @Nullable SslEngineSource sslEngines;

	private List<WsHandshakeInterceptor> interceptors = List.of();

	private AbuseLimits abuseLimits = AbuseLimits.NONE;

	private TrustedProxies trustedProxies = TrustedProxies.NONE;

	@Override
	public NioWsServer create(List<WsRoute> routes) {
		return create(routes, IoLoop::new);
	}

	/** A server whose I/O loops come from {@code loops}; for tests of a start that fails half-way. */
	NioWsServer create(List<WsRoute> routes, NioWsServer.LoopFactory loops) {
		ServerSettings settings = new ServerSettings(this.address, this.port, this.limits, this.handshakeLimits,
				this.handshakeHandler, this.frameCodec, this.executor, this.ioThreads, this.handshakeTimeout,
				this.idleTimeout, this.pingInterval, this.closeTimeout, this.shutdownTimeout, this.maxConnections,
				this.maxOutboundBuffer, this.observer, this.extensions, this.sslEngines, this.interceptors,
				this.abuseLimits, this.trustedProxies);
		return new NioWsServer(settings, routes, loops);
	}

	@Override
	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	@Override
	public void setPort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port must be between 0 and 65535 but was " + port);
		}
		this.port = port;
	}

	@Override
	public void setLimits(WebSocketLimits limits) {
		this.limits = limits;
	}

	@Override
	public void setHandshakeLimits(HandshakeLimits limits) {
		this.handshakeLimits = limits;
	}

	@Override
	public void setHandshakeHandler(HandshakeHandler handshakeHandler) {
		this.handshakeHandler = handshakeHandler;
	}

	@Override
	public void setFrameCodec(FrameCodec frameCodec) {
		this.frameCodec = frameCodec;
	}

	@Override
	public void setExecutor(Executor executor) {
		this.executor = executor;
	}

	@Override
	public void setIoThreads(int ioThreads) {
		if (ioThreads < 1) {
			throw new IllegalArgumentException("ioThreads must be at least 1 but was " + ioThreads);
		}
		this.ioThreads = ioThreads;
	}

	@Override
	public void setHandshakeTimeout(Duration timeout) {
		this.handshakeTimeout = timeout;
	}

	@Override
	public void setIdleTimeout(Duration timeout) {
		this.idleTimeout = timeout;
	}

	@Override
	public void setPingInterval(Duration interval) {
		this.pingInterval = interval;
	}

	@Override
	public void setCloseTimeout(Duration timeout) {
		this.closeTimeout = timeout;
	}

	@Override
	public void setShutdownTimeout(Duration timeout) {
		this.shutdownTimeout = timeout;
	}

	@Override
	public void setMaxConnections(int maxConnections) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException("maxConnections must be at least 1 but was " + maxConnections);
		}
		this.maxConnections = maxConnections;
	}

	@Override
	public void setMaxOutboundBuffer(int bytes) {
		if (bytes < 1) {
			throw new IllegalArgumentException("maxOutboundBuffer must be positive but was " + bytes);
		}
		this.maxOutboundBuffer = bytes;
	}

	@Override
	public void setObserver(WsServerObserver observer) {
		// Whatever a customizer sets, an observer's exception never reaches the server.
		this.observer = WsServerObserver.guarded(observer);
	}

	@Override
	public void setExtensions(List<ExtensionFactory> extensions) {
		this.extensions = List.copyOf(extensions);
	}

	@Override
	public void setSslEngineSource(@Nullable SslEngineSource source) {
		this.sslEngines = source;
	}

	@Override
	public void setHandshakeInterceptors(List<WsHandshakeInterceptor> interceptors) {
		this.interceptors = List.copyOf(interceptors);
	}

	@Override
	public void setAbuseLimits(AbuseLimits limits) {
		this.abuseLimits = limits;
	}

	@Override
	public void setTrustedProxies(TrustedProxies trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

}
