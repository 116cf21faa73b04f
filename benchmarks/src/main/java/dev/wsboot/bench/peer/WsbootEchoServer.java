package dev.wsboot.bench.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServerFactory;

/**
 * The wsboot side of the side-by-side benchmark: our NIO server, started by hand, taking the same
 * options as {@code NettyEchoServer}. Handlers run inline on the I/O thread by default, as
 * Netty's do on its event loop; {@code --inline false} measures the worker-executor path
 * instead. Prints {@code READY port=<port>} once bound.
 *
 * <p>Endpoints: {@code --path} (default {@code /echo}) echoes every message to its sender;
 * {@code /broadcast} sends every message to every session of the path; {@code /topic}
 * subscribes every session to one topic and publishes every message to it
 * ({@link TopicFanOut}); {@code /json} and {@code /text} are {@code @WsEndpoint} beans
 * ({@link JsonEchoEndpoint}, {@link TextEchoEndpoint}) bound by the starter's endpoint
 * machinery in a small Spring context ({@link AnnotatedEndpoints}).
 *
 * <p>Options: {@code --port 9001 --path /echo --broadcast-path /broadcast --topic-path /topic --max-message 2097152
 * --threads 1 --inline true --virtual-threads false --max-connections 200000 --ping-interval-ms 0
 * --idle-timeout-ms 0}; {@code --virtual-threads true} (JDK 21+) runs the handlers of {@code --inline false}
 * on virtual threads; {@code --tls-cert FILE --tls-key FILE [--tls-engine jdk|openssl]} serve wss, see
 * {@link PeerTls}.
 */
public final class WsbootEchoServer {

	private WsbootEchoServer() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = parse(args);
		int port = Integer.parseInt(options.getOrDefault("port", "9001"));
		String echoPath = options.getOrDefault("path", "/echo");
		String broadcastPath = options.getOrDefault("broadcast-path", "/broadcast");
		String topicPath = options.getOrDefault("topic-path", "/topic");
		int maxMessage = Integer.parseInt(options.getOrDefault("max-message", Integer.toString(2 << 20)));
		boolean inline = Boolean.parseBoolean(options.getOrDefault("inline", "true"));

		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setPort(port);
		factory.setIoThreads(Integer.parseInt(options.getOrDefault("threads", "1")));
		factory.setLimits(new WebSocketLimits(maxMessage, maxMessage));
		factory.setMaxConnections(Integer.parseInt(options.getOrDefault("max-connections", "200000")));
		factory.setMaxOutboundBuffer(Math.max(4 << 20, 2 * maxMessage));
		factory.setShutdownTimeout(Duration.ofSeconds(2));
		// Off by default, as in the Netty peer; on, they test keep-alive (a client must answer pings).
		factory.setPingInterval(Duration.ofMillis(Long.parseLong(options.getOrDefault("ping-interval-ms", "0"))));
		factory.setIdleTimeout(Duration.ofMillis(Long.parseLong(options.getOrDefault("idle-timeout-ms", "0"))));
		if (PeerTls.enabled(options)) {
			factory.setSslEngineSource(PeerTls.wsboot(options));
		}
		if (Boolean.parseBoolean(options.getOrDefault("virtual-threads", "false"))) {
			factory.setExecutor(virtualThreadPerTask());
		}
		AnnotatedEndpoints endpoints = new AnnotatedEndpoints();
		AtomicReference<WsServer> server = new AtomicReference<>();
		List<WsRoute> routes = new ArrayList<>();
		routes.add(new WsRoute(echoPath, new Echo(), List.of(), inline));
		routes.add(new WsRoute(broadcastPath, new Broadcast(server, broadcastPath), List.of(), inline));
		routes.add(new WsRoute(topicPath, endpoints.topics().tracking(new TopicFanOut(endpoints.topics())), List.of(),
				inline));
		routes.addAll(endpoints.routes(inline));
		WsServer started = factory.create(routes);
		server.set(started);
		serveUntilShutdown(started, endpoints::close);
	}

	/**
	 * Starts {@code server}, prints {@code READY port=<port>}, and returns once a shutdown hook
	 * stopped it and then ran {@code afterStop}; shared with the other wsboot peers.
	 */
	static void serveUntilShutdown(WsServer server, Runnable afterStop) throws InterruptedException {
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.stop();
			afterStop.run();
			stopped.countDown();
		}, "ws-bench-shutdown"));
		server.start();
		System.out.println("READY port=" + server.port());
		System.out.flush();
		stopped.await();
	}

	/**
	 * A virtual thread per task (JDK 21+), found by reflection since this module compiles for
	 * Java 17: what the starter uses with {@code spring.threads.virtual.enabled=true}.
	 */
	private static Executor virtualThreadPerTask() {
		try {
			return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("--virtual-threads needs JDK 21 or later", ex);
		}
	}

	/** {@code --name value} pairs, in order; shared with the other wsboot peers. */
	static Map<String, String> parse(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		if (args.length % 2 != 0) {
			throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
		}
		return options;
	}

	/** Sends every message back to its sender. */
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

	/** Sends every message to every session on the broadcast path, the sender included, encoded once. */
	private static final class Broadcast implements WsHandler {

		private final AtomicReference<WsServer> server;

		private final String path;

		Broadcast(AtomicReference<WsServer> server, String path) {
			this.server = server;
			this.path = path;
		}

		@Override
		public void onText(WsSession session, String text) {
			this.server.get().sessions().broadcast(this.path, PreparedMessage.text(text));
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
			this.server.get().sessions().broadcast(this.path, PreparedMessage.binary(data));
		}

	}

}
