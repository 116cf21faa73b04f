package dev.wsboot.hardening;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.wsboot.server.WsRoute;
import dev.wsboot.server.nio.NioWsServer;
import dev.wsboot.server.nio.NioWsServerFactory;
import org.awaitility.core.ConditionFactory;

import static org.awaitility.Awaitility.await;

/**
 * A server on a free loopback port, without Spring, with an echo endpoint at {@code /echo}
 * besides the routes a test adds. One I/O thread, so that an abusive connection and a good
 * one share it: the good one keeping its service shows fairness, not luck.
 */
final class TestServer implements AutoCloseable {

	static final Duration AWAIT = Duration.ofSeconds(10);

	private final NioWsServer server;

	private TestServer(NioWsServer server) {
		this.server = server;
	}

	static TestServer start(Consumer<NioWsServerFactory> configuration, WsRoute... routes) {
		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.setPort(0);
		factory.setIoThreads(1);
		factory.setShutdownTimeout(Duration.ofSeconds(2));
		configuration.accept(factory);
		List<WsRoute> all = new ArrayList<>(List.of(routes));
		all.add(WsRoute.of("/echo", new EchoHandler()));
		NioWsServer server = (NioWsServer) factory.create(all);
		server.start();
		return new TestServer(server);
	}

	int port() {
		return this.server.port();
	}

	NioWsServer server() {
		return this.server;
	}

	/** A client with a completed handshake on {@code /echo}, proven to be served. */
	RawClient goodClient() {
		RawClient client = RawClient.open(port(), "/echo");
		client.assertEchoes("hello");
		return client;
	}

	/** Polls a condition every 10 ms, from the start, for up to ten seconds. */
	static ConditionFactory eventually() {
		return await().atMost(AWAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
	}

	/** Waits until no session and no TCP connection is left. */
	void awaitNothingOpen() {
		awaitOpen(0);
	}

	/** Waits until exactly {@code count} sessions, and as many TCP connections, are open. */
	void awaitOpen(int count) {
		eventually().until(() -> this.server.sessions().count() == count && this.server.connectionCount() == count);
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
