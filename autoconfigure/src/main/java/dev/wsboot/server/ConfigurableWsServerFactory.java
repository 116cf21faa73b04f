package dev.wsboot.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import dev.wsboot.handshake.HandshakeHandler;
import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.FrameCodec;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.protocol.extension.ExtensionFactory;
import dev.wsboot.server.forwarded.TrustedProxies;
import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WsServerFactory} whose settings can be changed before it creates a server.
 * Durations of zero turn the corresponding timer off.
 */
public interface ConfigurableWsServerFactory extends WsServerFactory {

	/** The address to bind, or {@code null} for every interface. */
	void setAddress(@Nullable InetAddress address);

	/** The port to bind; 0 picks a free one. */
	void setPort(int port);

	/** Frame and message size limits. */
	void setLimits(WebSocketLimits limits);

	/** Limits on the handshake request. */
	void setHandshakeLimits(HandshakeLimits limits);

	/** Decides on every upgrade request. */
	void setHandshakeHandler(HandshakeHandler handshakeHandler);

	/** Decodes and encodes frames. */
	void setFrameCodec(FrameCodec frameCodec);

	/** Runs handler calls of routes that may block. */
	void setExecutor(Executor executor);

	/** The number of selector threads. */
	void setIoThreads(int ioThreads);

	/** How long a connection may take to complete its upgrade request. */
	void setHandshakeTimeout(Duration timeout);

	/** How long a connection may stay without any traffic before it is closed with 1001. */
	void setIdleTimeout(Duration timeout);

	/** How long a connection may stay quiet before the server pings it. */
	void setPingInterval(Duration interval);

	/** How long to wait for the peer's close frame after sending ours. */
	void setCloseTimeout(Duration timeout);

	/** How long a graceful stop waits for sessions to close. */
	void setShutdownTimeout(Duration timeout);

	/** The most open connections; further upgrades are refused with 503. */
	void setMaxConnections(int maxConnections);

	/** The most bytes queued for one session before it is closed as too slow a reader. */
	void setMaxOutboundBuffer(int bytes);

	/** Receives traffic events, for metrics. */
	void setObserver(WsServerObserver observer);

	/**
	 * The extensions the server may agree to in handshakes (RFC 6455 §9), in order of
	 * preference; none by default.
	 */
	void setExtensions(List<ExtensionFactory> extensions);

	/**
	 * Serves {@code wss://}: TLS on the server's port, each connection with an engine from
	 * {@code source}; {@code null}, the default, for plain {@code ws://}. A factory that
	 * cannot serve TLS throws {@link UnsupportedOperationException}, as this default does.
	 */
	default void setSslEngineSource(@Nullable SslEngineSource source) {
		if (source != null) {
			throw new UnsupportedOperationException(getClass().getName() + " does not support TLS");
		}
	}

	/**
	 * Decisions added to the standard handshake, in the order they are asked; none by
	 * default, and then the handshake is decided on the I/O thread as the request is read.
	 */
	void setHandshakeInterceptors(List<WsHandshakeInterceptor> interceptors);

	/** Limits per client address and per session; none by default. */
	void setAbuseLimits(AbuseLimits limits);

	/** The reverse proxies whose forwarding headers name the client; none by default. */
	void setTrustedProxies(TrustedProxies trustedProxies);

}
