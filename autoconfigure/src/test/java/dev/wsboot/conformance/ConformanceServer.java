package dev.wsboot.conformance;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServerFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An echo server without Spring, for the conformance tests to talk to over raw sockets.
 * One server per set of limits is started for the whole test run, the first time a test
 * class asks for it, and stopped when the run ends: connections share nothing, so sharing
 * the server keeps the suite fast.
 *
 * <p>Use as {@code @RegisterExtension static final ConformanceServer server = ...}.
 */
final class ConformanceServer implements BeforeAllCallback {

	/** Large enough for the 16 MiB messages of the framing tests (Autobahn 9.1.6, 9.2.6). */
	static final WebSocketLimits LARGE_LIMITS = new WebSocketLimits(16 << 20, 16 << 20);

	/** Small enough to exceed cheaply in the limit tests. */
	static final WebSocketLimits SMALL_LIMITS = new WebSocketLimits(1024, 4096);

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceServer.class);

	private final WebSocketLimits limits;

	private int port = -1;

	private ConformanceServer(WebSocketLimits limits) {
		this.limits = limits;
	}

	/** The server with {@link #LARGE_LIMITS}. */
	static ConformanceServer withLargeLimits() {
		return new ConformanceServer(LARGE_LIMITS);
	}

	/** The server with {@link #SMALL_LIMITS}. */
	static ConformanceServer withSmallLimits() {
		return new ConformanceServer(SMALL_LIMITS);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		Running running = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(this.limits, Running::start, Running.class);
		this.port = running.server.port();
	}

	int port() {
		return this.port;
	}

	/** Opens a WebSocket to the echo route of {@code dispatch}. */
	RawWebSocket connect(Dispatch dispatch) throws IOException {
		return RawWebSocket.connect(this.port, dispatch.path());
	}

	/** A started server, stopped by JUnit when the root store closes at the end of the run. */
	private record Running(WsServer server) implements AutoCloseable {

		static Running start(WebSocketLimits limits) {
			NioWsServerFactory factory = new NioWsServerFactory();
			factory.setPort(0);
			factory.setLimits(limits);
			// A test that fails mid-way leaves a socket for its close to reclaim; do not wait long.
			factory.setShutdownTimeout(Duration.ofSeconds(2));
			WsHandler echo = new Echo();
			WsServer server = factory.create(List.of(new WsRoute(Dispatch.WORKER.path(), echo, List.of(), false),
					new WsRoute(Dispatch.INLINE.path(), echo, List.of(), true)));
			server.start();
			return new Running(server);
		}

		@Override
		public void close() {
			this.server.stop();
		}

	}

	/** Sends every message back as it came: text as text, binary as binary. */
	private static final class Echo implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
			session.sendBinary(data);
		}

	}

}
