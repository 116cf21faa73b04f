package dev.wsboot.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers on worker threads: what a handler sends reaches the peer while it still runs, a
 * busy session does not keep a worker while others wait, and a peer that closes and shuts
 * its side still gets the replies it is owed and the close reply.
 */
class PromptDispatchTests {

	@Test
	void whatAHandlerSendsArrivesWhileTheHandlerIsStillRunning() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		WsHandler acceptThenWork = new TextHandler() {

			@Override
			public void onText(WsSession session, String text) {
				session.sendText("accepted");
				await(release);
				session.sendText("done");
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}, WsRoute.of("/slow", acceptThenWork)); RawWsClient client = RawWsClient.open(server.port(), "/slow")) {
			client.sendText("work");
			// The handler is blocked until the client has seen "accepted".
			client.expectText("accepted");
			release.countDown();
			client.expectText("done");
		}
	}

	@Test
	void aPingReadAfterAHandlerSentIsAnsweredAfterWhatItSent() {
		CountDownLatch sent = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WsHandler sendThenWork = new TextHandler() {

			@Override
			public void onText(WsSession session, String text) {
				session.sendText(text);
				sent.countDown();
				await(release);
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}, WsRoute.of("/barrier", sendThenWork)); RawWsClient client = RawWsClient.open(server.port(), "/barrier")) {
			client.sendText("queued");
			// The message waits in the queue of the handler's thread when the ping is read: a
			// peer that uses a ping as a barrier must see it before the pong.
			await(sent);
			client.sendPing("barrier".getBytes(StandardCharsets.US_ASCII));
			client.expectText("queued");
			client.expectPong("barrier");
			release.countDown();
		}
	}

	@Test
	void aSessionThatKeepsItsHandlerBusyDoesNotKeepTheOnlyWorker() throws Exception {
		ExecutorService oneWorker = Executors.newFixedThreadPool(1);
		AtomicBoolean streaming = new AtomicBoolean(true);
		WsHandler busy = new TextHandler() {

			@Override
			public void onText(WsSession session, String text) {
				// A little work per message, so the busy session always has calls waiting.
				long until = System.nanoTime() + 200_000;
				while (System.nanoTime() < until) {
					Thread.onSpinWait();
				}
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setExecutor(oneWorker),
				WsRoute.of("/busy", busy)); RawWsClient streamer = RawWsClient.open(server.port(), "/busy")) {
			Thread stream = new Thread(() -> {
				while (streaming.get()) {
					streamer.sendText("more");
				}
			}, "test-streamer");
			stream.start();
			try (RawWsClient other = RawWsClient.open(server.port(), "/echo")) {
				other.assertEchoes("my turn");
			}
			finally {
				streaming.set(false);
				stream.join(TimeUnit.SECONDS.toMillis(10));
			}
		}
		finally {
			oneWorker.shutdownNow();
		}
	}

	@Test
	void aPeerThatClosesAndShutsItsSideGetsItsLastReplyAndTheCloseReply() {
		CountDownLatch arrived = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WsHandler slowEcho = new TextHandler() {

			@Override
			public void onText(WsSession session, String text) {
				arrived.countDown();
				await(release);
				session.sendText(text);
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setCloseTimeout(Duration.ofSeconds(5)),
				WsRoute.of("/slow-echo", slowEcho));
				RawWsClient client = RawWsClient.open(server.port(), "/slow-echo")) {
			client.send(ClientFrame.text("last"), ClientFrame.close(CloseCodes.NORMAL));
			// As the JDK's client does after sending its close.
			client.shutdownOutput();
			await(arrived);
			// The one I/O thread serves this echo after it has read the end of the stream above.
			try (RawWsClient other = RawWsClient.open(server.port(), "/echo-inline")) {
				other.assertEchoes("after the end of stream");
			}
			release.countDown();
			client.expectText("last");
			client.expectCloseThenEof(CloseCodes.NORMAL);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).as("released").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A handler for text only. */
	private abstract static class TextHandler implements WsHandler {

		@Override
		public void onBinary(WsSession session, byte[] data) {
		}

	}

}
