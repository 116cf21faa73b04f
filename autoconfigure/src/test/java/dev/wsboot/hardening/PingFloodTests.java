package dev.wsboot.hardening;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client sending pings as fast as it can, and reading none of the pongs, must neither
 * starve the other connections of its I/O thread nor make the server hold its pongs
 * without bound.
 */
class PingFloodTests {

	private static final int PINGS = 50_000;

	private static final int LIMIT = 64 * 1024;

	@Test
	void othersAreServedDuringAPingFlood() throws Exception {
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}); RawWsClient good = server.goodClient(); RawWsClient flooder = RawWsClient.open(server.port(), "/echo")) {
			Flood flood = Flood.start(flooder);
			assertThat(flood.started.await(10, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 100; i++) {
				good.assertEchoes("echo " + i + " during the flood");
			}
			flooder.reset();
			flood.done.handle((sent, failure) -> null).join();
		}
	}

	@Test
	void pongsForAPeerThatDoesNotReadStayWithinTheOutboundLimit() throws Exception {
		CompletableFuture<Long> bufferedAfterFlood = new CompletableFuture<>();
		WsHandler probe = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				bufferedAfterFlood.complete(session.bufferedAmount());
			}

			@Override
			public void onBinary(WsSession session, byte[] data) {
			}
		};
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setMaxOutboundBuffer(LIMIT),
				new WsRoute("/probe", probe, List.of(), true));
				RawWsClient flooder = RawWsClient.connect(server.port(), 4096)) {
			flooder.sendUpgradeRequest("/probe");
			Flood flood = Flood.start(flooder, ClientFrame.text("done").bytes());
			// The server may close the peer (the flood then fails) or stop reading from it (the
			// flood stalls); what it must not do is read all 50,000 pings and hold their pongs,
			// about 6.5 MB, for a peer that reads none.
			CompletableFuture<Throwable> closed = new CompletableFuture<>();
			flood.done.whenComplete((sent, failure) -> {
				if (failure != null) {
					closed.complete(failure);
				}
			});
			try {
				CompletableFuture.anyOf(bufferedAfterFlood, closed).get(10, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				// Closed, or stalled: either protects the server.
			}
			if (bufferedAfterFlood.isDone()) {
				assertThat(bufferedAfterFlood.join()).as("bytes buffered for the flooder after its pings")
					.isLessThanOrEqualTo(LIMIT + 127);
			}
			flooder.reset();
		}
	}

	/** 50,000 pings of 125 bytes written from their own thread, in 64 KiB writes. */
	private static final class Flood {

		final CountDownLatch started = new CountDownLatch(1);

		/** Completed when every ping is written; exceptionally when the connection fails first. */
		final CompletableFuture<Integer> done = new CompletableFuture<>();

		static Flood start(RawWsClient client) {
			return start(client, new byte[0]);
		}

		static Flood start(RawWsClient client, byte[] trailer) {
			Flood flood = new Flood();
			byte[] ping = ClientFrame.ping(new byte[125]).bytes();
			Thread writer = new Thread(() -> {
				ByteBuffer batch = ByteBuffer.allocate(64 * 1024);
				int sent = 0;
				try {
					while (sent < PINGS) {
						batch.clear();
						while (sent < PINGS && batch.remaining() >= ping.length) {
							batch.put(ping);
							sent++;
						}
						client.send(Arrays.copyOf(batch.array(), batch.position()));
						flood.started.countDown();
					}
					client.send(trailer);
					flood.done.complete(sent);
				}
				catch (UncheckedIOException ex) {
					flood.done.completeExceptionally(ex);
				}
			}, "ping-flood");
			writer.setDaemon(true);
			writer.start();
			return flood;
		}

	}

}
