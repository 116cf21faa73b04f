package dev.wsboot.bench.soak;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServer;
import dev.wsboot.server.nio.NioWsServerFactory;

/**
 * A soak test, run by hand: starts a server in this process on a free loopback port with
 * small limits, runs the hostile {@link Mix} against it for {@code --duration} (default 3
 * minutes), stops the mix, waits for every connection to end and prints one JSON line.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.wsboot.bench.soak.SoakTest --duration 3m
 * </pre>
 *
 * Exits with 1 when a good client lost an echo or had its upgrade refused, when the
 * server still counts connections or sessions once the mix has stopped and every timeout
 * has had time to fire, or when a session was opened and not closed.
 */
public final class SoakTest {

	/** Handshake 1 s, idle 5 s and close 1 s timeouts, with room for the sweeps. */
	private static final Duration DRAIN_BOUND = Duration.ofSeconds(15);

	private static final String KIB = "k".repeat(1024);

	private final Tally tally = new Tally();

	private final AtomicInteger opened = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	private final ExecutorService pushers = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "soak-pusher");
		thread.setDaemon(true);
		return thread;
	});

	public static void main(String[] args) throws Exception {
		Duration duration = Duration.ofMinutes(3);
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--duration") && i + 1 < args.length) {
				duration = parseDuration(args[++i]);
			}
			else {
				System.err.println("Usage: SoakTest [--duration 3m|90s|PT3M]");
				System.exit(2);
			}
		}
		System.exit(new SoakTest().run(duration) ? 0 : 1);
	}

	private boolean run(Duration duration) throws InterruptedException {
		NioWsServer server = startServer();
		long heapAtStart = usedHeapAfterGc();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> clients = new ArrayList<>();
		for (Mix.Kind kind : Mix.Kind.values()) {
			for (int i = 0; i < kind.threads; i++) {
				Thread thread = new Thread(() -> Mix.loop(kind, server.port(), this.tally, deadline),
						"soak-" + kind.key() + "-" + i);
				thread.setDaemon(true);
				thread.start();
				clients.add(thread);
			}
		}
		for (Thread client : clients) {
			// A round ends within its read timeout after the deadline.
			client.join(duration.toMillis() + 3L * Mix.READ_TIMEOUT_MILLIS);
		}
		long drainStart = System.nanoTime();
		long drainDeadline = drainStart + DRAIN_BOUND.toNanos();
		while (open(server) > 0 && System.nanoTime() - drainDeadline < 0) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
		}
		long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - drainStart);
		int openAtEnd = open(server);
		long heapAtEnd = usedHeapAfterGc();
		boolean ok = this.tally.get("echoes", "lost") == 0 && this.tally.get("echoes", "refusedUpgrades") == 0
				&& openAtEnd == 0 && this.opened.get() == this.closed.get()
				&& clients.stream().noneMatch(Thread::isAlive);
		System.out.println(String.format(Locale.ROOT,
				"{\"durationSeconds\":%d,\"connections\":%s,\"echoes\":%s,\"answers\":%s,\"flood\":%s,"
						+ "\"failures\":%s,\"timeouts\":%s,\"sessions\":{\"opened\":%d,\"closed\":%d},"
						+ "\"openAtEnd\":%d,\"drainMillis\":%d,\"heapUsedStartBytes\":%d,\"heapUsedEndBytes\":%d,"
						+ "\"ok\":%b}",
				duration.toSeconds(), this.tally.json("connections"), this.tally.json("echoes"),
				this.tally.json("answers"), this.tally.json("flood"), this.tally.json("failures"),
				this.tally.json("timeouts"), this.opened.get(), this.closed.get(), openAtEnd, drainMillis, heapAtStart,
				heapAtEnd, ok));
		server.stop();
		return ok;
	}

	private NioWsServer startServer() {
		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.setPort(0);
		factory.setLimits(new WebSocketLimits(64 * 1024, 64 * 1024));
		factory.setHandshakeLimits(new HandshakeLimits(1024, 4096, 32));
		factory.setMaxOutboundBuffer(64 * 1024);
		factory.setHandshakeTimeout(Duration.ofSeconds(1));
		factory.setIdleTimeout(Duration.ofSeconds(5));
		factory.setCloseTimeout(Duration.ofSeconds(1));
		factory.setShutdownTimeout(Duration.ofSeconds(5));
		NioWsServer server = (NioWsServer) factory
			.create(List.of(WsRoute.of("/echo", new Echo()), WsRoute.of("/flood", new Flood())));
		server.start();
		return server;
	}

	private static int open(NioWsServer server) {
		return Math.max(server.connectionCount(), server.sessions().count());
	}

	private static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static Duration parseDuration(String text) {
		String value = text.trim().toLowerCase(Locale.ROOT);
		if (value.startsWith("pt")) {
			return Duration.parse(value);
		}
		long amount = Long.parseLong(value.replaceAll("[a-z]+$", ""));
		return switch (value.replaceAll("^[0-9]+", "")) {
			case "ms" -> Duration.ofMillis(amount);
			case "", "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException("Unknown duration: " + text);
		};
	}

	/** Echoes every message; counts sessions opened and closed. */
	private class Echo implements WsHandler {

		@Override
		public void onOpen(WsSession session) {
			SoakTest.this.opened.incrementAndGet();
		}

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(text);
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
			session.sendBinary(data);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			SoakTest.this.closed.incrementAndGet();
		}

	}

	/** On "flood", pushes 1 KiB messages from another thread until one is not queued. */
	private final class Flood extends Echo {

		@Override
		public void onText(WsSession session, String text) {
			SoakTest.this.pushers.execute(() -> {
				SendResult result = SendResult.QUEUED;
				long sent = 0;
				while (result == SendResult.QUEUED && sent < 1_000_000) {
					result = session.sendText(KIB);
					sent++;
				}
				SoakTest.this.tally.increment("flood", result.name().toLowerCase(Locale.ROOT));
				SoakTest.this.tally.add("flood", "messages", sent);
			});
		}

	}

}
