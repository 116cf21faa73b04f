package dev.wsboot.server.nio;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerException;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The server's life around its sessions: a start that fails half-way leaves nothing behind,
 * a stopped server starts again, a stop keeps within its timeout without losing an
 * {@code onClose}, a failing observer costs nothing but its own events, and a closed
 * session keeps no protocol buffers.
 */
class NioWsServerLifecycleTests {

	@Test
	void aStartThatFailsHalfWayLeavesNoThreadAndFreesThePort() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		NioWsServerFactory factory = loopbackFactory();
		factory.setPort(port);
		factory.setIoThreads(3);
		List<IoLoop> made = new CopyOnWriteArrayList<>();
		NioWsServer server = factory.create(List.of(), (owner, index) -> {
			if (index == 2) {
				throw new IllegalStateException("No selector for you");
			}
			IoLoop loop = new IoLoop(owner, index);
			made.add(loop);
			return loop;
		});
		assertThatExceptionOfType(WsServerException.class).isThrownBy(server::start)
			.havingRootCause()
			.withMessage("No selector for you");
		assertThat(server.isRunning()).isFalse();
		assertThat(server.address()).isNull();
		server.stop();
		assertThat(made).singleElement().satisfies((loop) -> assertThat(loop.hasEnded()).isTrue());
		NioWsServerFactory samePort = loopbackFactory();
		samePort.setPort(port);
		NioWsServer again = samePort.create(List.of());
		again.start();
		try {
			assertThat(again.port()).isEqualTo(port);
		}
		finally {
			again.stop();
		}
	}

	@Test
	void aServerStoppedAndStartedAgainRunsHandlersOnWorkerThreadsAgain() {
		List<String> threads = new CopyOnWriteArrayList<>();
		WsHandler recordingThread = new EchoHandler() {

			@Override
			public void onText(WsSession session, String text) {
				threads.add(Thread.currentThread().getName());
				super.onText(session, text);
			}

		};
		NioWsServer server = loopbackFactory().create(List.of(WsRoute.of("/where", recordingThread)));
		for (int run = 0; run < 2; run++) {
			server.start();
			try (RawWsClient client = RawWsClient.open(server.port(), "/where")) {
				client.assertEchoes("run " + run);
			}
			finally {
				server.stop();
			}
		}
		assertThat(threads).hasSize(2).allSatisfy((name) -> assertThat(name).startsWith("ws-handler-"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "discard", "discard-oldest" })
	void anExecutorThatDropsWorkSilentlyIsRefused(String policy) {
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1),
				policy.equals("discard") ? new ThreadPoolExecutor.DiscardPolicy()
						: new ThreadPoolExecutor.DiscardOldestPolicy());
		try {
			NioWsServerFactory factory = loopbackFactory();
			factory.setExecutor(pool);
			assertThatExceptionOfType(WsServerException.class).isThrownBy(() -> factory.create(List.of()))
				.withMessageContaining("onClose");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aStopWaitsNoLongerThanItsTimeoutForAHandlerThatHangsAndStillCallsOnClose() throws Exception {
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> closes = new CopyOnWriteArrayList<>();
		WsHandler hanging = new EchoHandler() {

			@Override
			public void onText(WsSession session, String text) {
				entered.countDown();
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				closes.add(status.code());
			}

		};
		Duration timeout = Duration.ofMillis(500);
		NioWsServerFactory factory = loopbackFactory();
		factory.setShutdownTimeout(timeout);
		NioWsServer server = factory.create(List.of(WsRoute.of("/hang", hanging)));
		server.start();
		try (RawWsClient client = RawWsClient.open(server.port(), "/hang")) {
			client.sendText("hang");
			assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
			long started = System.nanoTime();
			server.stop();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stop took")
				.isLessThan(timeout.plusSeconds(2));
			release.countDown();
			TestWsServer.eventually().until(() -> !closes.isEmpty());
			assertThat(closes).containsExactly(CloseCodes.ABNORMAL);
		}
	}

	@Test
	void anObserverThatThrowsDoesNotLeakConnectionsOrSkipOnClose() {
		List<Integer> closes = new CopyOnWriteArrayList<>();
		WsHandler echo = new EchoHandler() {

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				closes.add(status.code());
			}

		};
		WsServerObserver throwing = new WsServerObserver() {

			@Override
			public void onOpen(WsSession session) {
				throw new IllegalStateException("observer failed on purpose");
			}

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				throw new IllegalStateException("observer failed on purpose");
			}

			@Override
			public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
				throw new IllegalStateException("observer failed on purpose");
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setObserver(throwing),
				WsRoute.of("/observed", echo)); RawWsClient client = RawWsClient.open(server.port(), "/observed")) {
			client.assertEchoes("still served");
			client.sendClose(CloseCodes.NORMAL);
			client.expectCloseThenEof(CloseCodes.NORMAL);
			server.awaitNothingOpen();
			TestWsServer.eventually().until(() -> closes.equals(List.of(CloseCodes.NORMAL)));
		}
	}

	@Test
	void aClosedSessionKeepsNoProtocolBuffersEvenIfTheApplicationKeepsIt() {
		List<WsSession> kept = new CopyOnWriteArrayList<>();
		WsHandler keeping = new EchoHandler() {

			@Override
			public void onOpen(WsSession session) {
				kept.add(session);
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}, WsRoute.of("/keep", keeping)); RawWsClient client = RawWsClient.open(server.port(), "/keep")) {
			// Half of a large frame: the decoder holds what arrived of its payload.
			client.send(Arrays.copyOf(ClientFrame.binary(new byte[512 * 1024]).bytes(), 256 * 1024));
			TestWsServer.eventually().until(() -> !kept.isEmpty());
			NioWsSession session = (NioWsSession) kept.get(0);
			TestWsServer.eventually().until(() -> session.connection().engine() != null);
			client.reset();
			server.awaitNothingOpen();
			assertThat(session.connection().engine()).as("protocol engine of a closed session").isNull();
		}
	}

	private static NioWsServerFactory loopbackFactory() {
		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setAddress(InetAddress.getLoopbackAddress());
		factory.setPort(0);
		factory.setIoThreads(1);
		factory.setShutdownTimeout(Duration.ofSeconds(2));
		return factory;
	}

}
