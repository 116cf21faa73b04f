package dev.wsboot.testsupport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.nio.NioWsServer;
import dev.wsboot.server.nio.NioWsServerFactory;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * An {@link NioWsServer} on a free loopback port, without Spring, serving the routes a test
 * gives and an echo route per {@link Dispatch}: {@code /echo} on the worker executor and
 * {@code /echo-inline} on the I/O thread.
 *
 * <p>One I/O thread unless a test sets more, so that an abusive connection and a good one
 * share it: the good one keeping its service then shows fairness, not luck.
 */
public final class TestWsServer implements AutoCloseable {

	/** The longest {@link #eventually()} waits. A guard against hangs, not a measurement. */
	public static final Duration AWAIT = Duration.ofSeconds(10);

	private final NioWsServer server;

	private TestWsServer(NioWsServer server) {
		this.server = server;
	}

	/** A started server with the default settings and only the echo routes. */
	public static TestWsServer start() {
		return start((factory) -> {
		});
	}

	/**
	 * A started server configured by {@code configuration}, which sees the test defaults
	 * (loopback, port 0, one I/O thread, a 2 s shutdown timeout) and may change them.
	 */
	public static TestWsServer start(Consumer<NioWsServerFactory> configuration, WsRoute... routes) {
		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.setPort(0);
		factory.setIoThreads(1);
		// A test that fails mid-way leaves a socket for the stop to reclaim; do not wait long.
		factory.setShutdownTimeout(Duration.ofSeconds(2));
		configuration.accept(factory);
		List<WsRoute> all = new ArrayList<>(List.of(routes));
		WsHandler echo = new EchoHandler();
		for (Dispatch dispatch : Dispatch.values()) {
			all.add(new WsRoute(dispatch.path(), echo, List.of(), dispatch.nonBlocking()));
		}
		NioWsServer server = (NioWsServer) factory.create(all);
		server.start();
		return new TestWsServer(server);
	}

	/**
	 * A JUnit extension that gives every test class registering it with the same limits one
	 * shared server, started the first time a class asks and stopped when the test run ends.
	 * Connections share nothing, so sharing the server keeps a large suite fast. Use as
	 * {@code @RegisterExtension static final TestWsServer.Shared server = TestWsServer.shared(limits);}.
	 */
	public static Shared shared(WebSocketLimits limits) {
		return new Shared(limits);
	}

	public int port() {
		return this.server.port();
	}

	public NioWsServer server() {
		return this.server;
	}

	/** A client with a completed handshake on the echo route of {@code dispatch}. */
	public RawWsClient open(Dispatch dispatch) {
		return RawWsClient.open(port(), dispatch.path());
	}

	/** A client with a completed handshake on {@code /echo}, proven to be served. */
	public RawWsClient goodClient() {
		RawWsClient client = open(Dispatch.WORKER);
		client.assertEchoes("hello");
		return client;
	}

	/** Polls a condition every 10 ms, from the start, for up to {@link #AWAIT}. */
	public static ConditionFactory eventually() {
		return await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
	}

	/** Waits until no session and no TCP connection is left. */
	public void awaitNothingOpen() {
		awaitOpen(0);
	}

	/** Waits until exactly {@code count} sessions, and as many TCP connections, are open. */
	public void awaitOpen(int count) {
		eventually().until(() -> this.server.sessions().count() == count && this.server.connectionCount() == count);
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/** See {@link TestWsServer#shared(WebSocketLimits)}. */
	public static final class Shared implements BeforeAllCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Shared.class);

		private final WebSocketLimits limits;

		private @Nullable TestWsServer server;

		private Shared(WebSocketLimits limits) {
			this.limits = limits;
		}

		@Override
		public void beforeAll(ExtensionContext context) {
			// The root store closes the server, an AutoCloseable, when the whole run ends.
			this.server = context.getRoot()
				.getStore(NAMESPACE)
				.computeIfAbsent(this.limits, (limits) -> start((factory) -> factory.setLimits(limits)),
						TestWsServer.class);
		}

		public TestWsServer server() {
			if (this.server == null) {
				throw new IllegalStateException("Not started: register with @RegisterExtension on a static field");
			}
			return this.server;
		}

		public int port() {
			return server().port();
		}

		/** A client with a completed handshake on the echo route of {@code dispatch}. */
		public RawWsClient open(Dispatch dispatch) {
			return server().open(dispatch);
		}

	}

}
