package dev.wsboot.server.nio;

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
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.forwarded.TrustedProxies;
import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link NioWsServer} is configured with, frozen when it is created; with an
 * {@link SslEngineSource}, it speaks TLS.
 */
record ServerSettings(@Nullable InetAddress address, int port, WebSocketLimits limits, HandshakeLimits handshakeLimits,
		HandshakeHandler handshakeHandler, FrameCodec frameCodec, @Nullable Executor executor, int ioThreads,
		Duration handshakeTimeout, Duration idleTimeout, Duration pingInterval, Duration closeTimeout,
		Duration shutdownTimeout, int maxConnections, int maxOutboundBuffer, WsServerObserver observer,
		List<ExtensionFactory> extensions, @Nullable SslEngineSource sslEngines,
		List<WsHandshakeInterceptor> interceptors, AbuseLimits abuseLimits, TrustedProxies trustedProxies) {

	/**
	 * How often each I/O thread checks its connections' timers: a quarter of the shortest
	 * enabled timeout, so a timeout fires at most 25% late, between 10 ms and one second.
	 */
	long sweepIntervalNanos() {
		long shortest = Long.MAX_VALUE;
		for (Duration duration : new Duration[] { this.handshakeTimeout, this.idleTimeout, this.pingInterval,
				this.closeTimeout }) {
			if (!duration.isZero() && !duration.isNegative()) {
				shortest = Math.min(shortest, duration.toNanos());
			}
		}
		long quarter = (shortest == Long.MAX_VALUE) ? 1_000_000_000L : shortest / 4;
		return Math.max(10_000_000L, Math.min(1_000_000_000L, quarter));
	}

}
