package dev.wsboot.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing always ends: once a connection starts closing, whoever started it (the peer's
 * close, a protocol error, the server's idle timeout, a refused upgrade), its TCP connection
 * is dropped by the close timeout whatever it still has to send, and a peer that stops
 * reading is cut off rather than absorbed. Each is checked from the server's side of the
 * socket, by its connection count.
 */
class CloseDeadlineTests {

	private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(300);

	/** Time the server may take past a deadline: its timers are swept a few times per timeout. */
	private static final Duration MARGIN = Duration.ofSeconds(2);

	/**
	 * Echoed 8 KiB messages, 8 MiB in all: more than the server's socket can hold (4 MiB at
	 * most here), so that the rest waits in the server's queue.
	 */
	private static final int FILLING_MESSAGES = 1024;

	/** Room in the server's queue for what the socket does not take. */
	private static final int OUTBOUND_LIMIT = 32 << 20;

	enum LastWord {

		CLOSE {
			@Override
			void send(RawWsClient client) {
				client.sendClose(CloseCodes.NORMAL);
			}
		},
		PROTOCOL_ERROR {
			@Override
			void send(RawWsClient client) {
				client.send(ClientFrame.text("unmasked").unmasked());
			}
		};

		abstract void send(RawWsClient client);

	}

	@ParameterizedTest
	@EnumSource(LastWord.class)
	void aPeerThatFillsTheSendPathThenClosesIsDroppedByTheCloseTimeout(LastWord lastWord) {
		for (Dispatch dispatch : Dispatch.values()) {
			try (TestWsServer server = TestWsServer.start(CloseDeadlineTests::configure);
					RawWsClient stalled = RawWsClient.connect(server.port(), 4096)) {
				fillWithoutReading(stalled, dispatch);
				lastWord.send(stalled);
				long sent = System.nanoTime();
				await().atMost(CLOSE_TIMEOUT.plus(MARGIN)).until(() -> server.server().connectionCount() == 0);
				assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("dropped after").isGreaterThanOrEqualTo(
						CLOSE_TIMEOUT.minusMillis(50));
				assertThat(server.server().sessions().count()).isZero();
			}
		}
	}

	@Test
	void aPeerThatFillsTheSendPathThenGoesQuietIsDroppedByTheIdleAndCloseTimeouts() {
		Duration idle = Duration.ofMillis(300);
		try (TestWsServer server = TestWsServer.start((factory) -> {
			configure(factory);
			factory.setIdleTimeout(idle);
		}); RawWsClient stalled = RawWsClient.connect(server.port(), 4096)) {
			fillWithoutReading(stalled, Dispatch.INLINE);
			await().atMost(idle.plus(CLOSE_TIMEOUT).plus(MARGIN)).until(() -> server.server().connectionCount() == 0);
		}
	}

	@Test
	@SuppressWarnings("try")
	void aSessionWhoseCloseIsNeverAnsweredEndsWith1006() {
		ClosingHandler handler = new ClosingHandler();
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setCloseTimeout(CLOSE_TIMEOUT),
				WsRoute.of("/closing", handler)); RawWsClient silent = RawWsClient.open(server.port(), "/closing")) {
			silent.sendText("close me");
			silent.expectClose(CloseCodes.NORMAL);
			// It never answers: RFC 6455 §7.1.5, no close frame received means 1006.
			await().atMost(CLOSE_TIMEOUT.plus(MARGIN)).until(() -> !handler.closes.isEmpty());
			assertThat(handler.closes).containsExactly(CloseCodes.ABNORMAL);
			server.awaitNothingOpen();
		}
	}

	@Test
	void aRefusalThatCannotBeWrittenOutIsDroppedWithoutASecondAnswer() {
		AtomicInteger answers = new AtomicInteger();
		WsServerObserver counting = new WsServerObserver() {

			@Override
			public void onHandshake(@Nullable String path, int status) {
				answers.incrementAndGet();
			}

		};
		byte[] hugeBody = new byte[8 << 20];
		try (TestWsServer server = TestWsServer.start((factory) -> {
			factory.setHandshakeHandler((request, target) -> HandshakeResponse.reject(401, new String(hugeBody)));
			factory.setHandshakeTimeout(Duration.ofMillis(200));
			factory.setCloseTimeout(CLOSE_TIMEOUT);
			factory.setObserver(counting);
		}); RawWsClient unread = RawWsClient.connect(server.port(), 4096)) {
			unread.sendUpgradeRequest("/echo");
			await().atMost(Duration.ofMillis(200).plus(CLOSE_TIMEOUT).plus(MARGIN))
				.until(() -> server.server().connectionCount() == 0);
			assertThat(answers).hasValue(1);
			String everything = new String(unread.readUntilEnd());
			assertThat(everything.split("HTTP/1.1 ", -1)).as("status lines").hasSize(2);
			assertThat(everything).doesNotContain("408");
		}
	}

	@Test
	void aPeerThatDoesNotReadIsNoLongerReadOnceTheServerGaveUpOnIt() throws IOException {
		Flooder flooder = new Flooder();
		try (TestWsServer server = TestWsServer.start((factory) -> {
			factory.setMaxOutboundBuffer(64 * 1024);
			// Long enough that absorbing the peer until then would take hundreds of megabytes.
			factory.setCloseTimeout(Duration.ofSeconds(5));
		}, WsRoute.of("/flood", flooder)); SocketChannel channel = SocketChannel.open()) {
			channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
			channel.connect(new InetSocketAddress(server.server().address().getAddress(), server.port()));
			channel.write(ByteBuffer.wrap(UpgradeRequest.to("/flood", server.port()).bytes()));
			channel.write(ByteBuffer.wrap(ClientFrame.text("flood").bytes()));
			assertThat(flooder.overflowed.join()).isTrue();
			long written = writeUntilStalledOrDropped(channel, 256L << 20);
			assertThat(written).as("bytes the server took after giving up").isLessThan(32L << 20);
			await().atMost(Duration.ofSeconds(1).plus(MARGIN)).until(() -> server.server().connectionCount() == 0);
			assertThat(flooder.closes).containsExactly(CloseCodes.POLICY_VIOLATION);
		}
	}

	/** Sends echo requests until the path back is full and the server holds the rest. */
	private static void fillWithoutReading(RawWsClient client, Dispatch dispatch) {
		client.sendUpgradeRequest(dispatch.path());
		byte[] message = new byte[8 * 1024];
		for (int i = 0; i < FILLING_MESSAGES; i++) {
			client.send(ClientFrame.binary(message));
		}
	}

	private static void configure(NioWsServerFactory factory) {
		factory.setCloseTimeout(CLOSE_TIMEOUT);
		factory.setMaxOutboundBuffer(OUTBOUND_LIMIT);
	}

	/**
	 * Writes masked binary frames as fast as the socket takes them, until the server drops
	 * the connection, the socket stays full for a second, or {@code max} bytes are out.
	 */
	private static long writeUntilStalledOrDropped(SocketChannel channel, long max) throws IOException {
		channel.configureBlocking(false);
		ByteBuffer frame = ByteBuffer.wrap(ClientFrame.binary(new byte[60_000]).bytes());
		long written = 0;
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_WRITE);
			while (written < max) {
				if (!frame.hasRemaining()) {
					frame.rewind();
				}
				int n;
				try {
					n = channel.write(frame);
				}
				catch (IOException ex) {
					return written;
				}
				written += n;
				if (n == 0) {
					selector.selectedKeys().clear();
					if (selector.select(1000) == 0) {
						return written;
					}
				}
			}
		}
		return written;
	}

	/** Closes the session with 1000 on the first message. */
	private static final class ClosingHandler extends EchoHandler {

		final List<Integer> closes = new CopyOnWriteArrayList<>();

		@Override
		public void onText(WsSession session, String text) {
			session.close(CloseStatus.NORMAL);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.closes.add(status.code());
		}

	}

	/** On the first message, sends 1 KiB messages until one overflows. */
	private static final class Flooder implements WsHandler {

		final CompletableFuture<Boolean> overflowed = new CompletableFuture<>();

		final List<Integer> closes = new CopyOnWriteArrayList<>();

		@Override
		public void onText(WsSession session, String text) {
			String kib = "k".repeat(1024);
			for (int i = 0; i < 100_000; i++) {
				if (session.sendText(kib) == SendResult.OVERFLOW) {
					this.overflowed.complete(true);
					return;
				}
			}
			this.overflowed.complete(false);
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.closes.add(status.code());
		}

	}

}
