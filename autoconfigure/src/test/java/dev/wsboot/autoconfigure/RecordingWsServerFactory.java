package dev.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.FrameCodec;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.forwarded.TrustedProxies;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConfigurableWsServerFactory} that only remembers what it was given.
 */
class RecordingWsServerFactory implements ConfigurableWsServerFactory {

	@Nullable InetAddress address;

	int port = -1;

	@Nullable WebSocketLimits limits;

	@Nullable HandshakeLimits handshakeLimits;

	int ioThreads;

	@Nullable Duration handshakeTimeout;

	@Nullable Duration idleTimeout;

	@Nullable Duration pingInterval;

	@Nullable Duration closeTimeout;

	@Nullable Duration shutdownTimeout;

	int maxConnections;

	int maxOutboundBuffer;

	@Nullable AbuseLimits abuseLimits;

	@Nullable TrustedProxies trustedProxies;

	List<WsHandshakeInterceptor> interceptors = List.of();

	@Override
	public WsServer create(List<WsRoute> routes) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	@Override
	public void setPort(int port) {
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
	}

	@Override
	public void setFrameCodec(FrameCodec frameCodec) {
	}

	@Override
	public void setExecutor(Executor executor) {
	}

	@Override
	public void setIoThreads(int ioThreads) {
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
		this.maxConnections = maxConnections;
	}

	@Override
	public void setMaxOutboundBuffer(int bytes) {
		this.maxOutboundBuffer = bytes;
	}

	@Override
	public void setObserver(WsServerObserver observer) {
	}

	@Override
	public void setExtensions(List<ExtensionFactory> extensions) {
	}

	@Override
	public void setHandshakeInterceptors(List<WsHandshakeInterceptor> interceptors) {
		this.interceptors = interceptors;
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
