package dev.wsboot.hardening;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peer that does not read cannot make the server buffer more than
 * {@code maxOutboundBuffer} for it: the send that would pass the limit is refused with
 * {@link SendResult#OVERFLOW}, the session is closed with 1008 and the TCP connection ends
 * within the close timeout, whether or not the peer reads its close.
 */
class OutboundBufferTests {

	private static final int LIMIT = 64 * 1024;

	private static final String KIB = "k".repeat(1024);

	@Test
	void nonReadingPeerOverflowsIsClosedAndReleased() {
		Flooder flooder = new Flooder(10_000);
		try (TestWsServer server = TestWsServer.start(OutboundBufferTests::configure, WsRoute.of("/flood", flooder));
				RawWsClient good = server.goodClient();
				RawWsClient sink = RawWsClient.connect(server.port(), 4096)) {
			sink.sendUpgradeRequest("/flood");
			sink.send(ClientFrame.text("flood"));
			Flood flood = flooder.floods.join();
			assertThat(flood.results()).last().isEqualTo(SendResult.OVERFLOW);
			assertThat(flood.results()).filteredOn((result) -> result != SendResult.QUEUED).hasSize(1);
			assertThat(flood.maxBuffered()).as("bufferedAmount() while flooding").isPositive()
				.isLessThanOrEqualTo(LIMIT);
			assertThat(flood.sendAfterOverflow()).isEqualTo(SendResult.CLOSED);
			good.assertEchoes("served while the sink overflowed");

			// The sink never read; the server gives up on its close reply after the close timeout.
			sink.readUntilEnd();
			server.awaitOpen(1);
			TestWsServer.eventually().until(() -> !flooder.closes.isEmpty());
			assertThat(flooder.closes).containsExactly(CloseCodes.POLICY_VIOLATION);
			good.assertEchoes("served after the sink was released");
		}
	}

	@Test
	void handlerOnTheIoThreadReplyingMoreThanTheLimitInOneCallToAReadingPeerDoesNotOverflow() {
		// The I/O thread writes what is queued before it counts a send as an overflow.
		Flooder flooder = new Flooder(2 * LIMIT / KIB.length());
		WsRoute inline = new WsRoute("/flood", flooder, List.of(), true);
		try (TestWsServer server = TestWsServer.start(OutboundBufferTests::configure, inline);
				RawWsClient reader = RawWsClient.open(server.port(), "/flood")) {
			reader.sendText("flood");
			Flood flood = flooder.floods.join();
			assertThat(flood.results()).containsOnly(SendResult.QUEUED).hasSize(2 * LIMIT / KIB.length());
			for (int i = 0; i < flood.results().size(); i++) {
				assertThat(reader.readFrame().text()).isEqualTo(KIB);
			}
		}
	}

	@Test
	void aReaderThatFallsBehindGetsWholeFramesThenThePolicyClose() {
		Flooder flooder = new Flooder(100_000);
		// On the I/O thread, each send is written as far as the socket takes it: the flood
		// overflows with a frame the socket took part of, which must be finished first.
		WsRoute inline = new WsRoute("/flood", flooder, List.of(), true);
		try (TestWsServer server = TestWsServer.start(OutboundBufferTests::configure, inline);
				RawWsClient slow = RawWsClient.connect(server.port(), 4096)) {
			slow.sendUpgradeRequest("/flood");
			slow.send(ClientFrame.text("flood"));
			assertThat(flooder.floods.join().results()).last().isEqualTo(SendResult.OVERFLOW);
			slow.readHttpHead();
			// Whatever the socket had taken of a frame is finished before the close: the strict
			// reader fails on a close frame that lands inside another frame.
			int whole = 0;
			ServerFrame frame = slow.readFrame();
			while (!frame.isClose()) {
				assertThat(frame.text()).isEqualTo(KIB);
				whole++;
				frame = slow.readFrame();
			}
			assertThat(frame.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
			assertThat(whole).as("messages before the close").isPositive();
			slow.expectEof();
		}
	}

	@Test
	void aWorkerPacingItselfByTheBufferedAmountSendsFarMoreThanTheLimitToAReadingPeer() {
		int messages = 8 * LIMIT / KIB.length();
		WsHandler paced = new Flooder(0) {

			@Override
			public void onText(WsSession session, String text) {
				for (int i = 0; i < messages; i++) {
					while (session.bufferedAmount() > LIMIT / 2) {
						Thread.onSpinWait();
					}
					assertThat(session.sendText(KIB)).isEqualTo(SendResult.QUEUED);
				}
			}

		};
		try (TestWsServer server = TestWsServer.start(OutboundBufferTests::configure, WsRoute.of("/paced", paced));
				RawWsClient reader = RawWsClient.open(server.port(), "/paced")) {
			reader.sendText("go");
			for (int i = 0; i < messages; i++) {
				reader.expectText(KIB);
			}
		}
	}

	private static void configure(NioWsServerFactory factory) {
		factory.setMaxOutboundBuffer(LIMIT);
		factory.setCloseTimeout(Duration.ofMillis(500));
	}

	/** What one flood came to. */
	record Flood(List<SendResult> results, long maxBuffered, SendResult sendAfterOverflow) {
	}

	/** On the text "flood", sends 1 KiB messages until one is refused, or {@code max} of them. */
	static class Flooder implements WsHandler {

		private final int max;

		final CompletableFuture<Flood> floods = new CompletableFuture<>();

		final List<Integer> closes = new CopyOnWriteArrayList<>();

		Flooder(int max) {
			this.max = max;
		}

		@Override
		public void onText(WsSession session, String text) {
			List<SendResult> results = new ArrayList<>();
			long maxBuffered = 0;
			SendResult result = SendResult.QUEUED;
			while (result == SendResult.QUEUED && results.size() < this.max) {
				result = session.sendText(KIB);
				results.add(result);
				maxBuffered = Math.max(maxBuffered, session.bufferedAmount());
			}
			this.floods.complete(new Flood(results, maxBuffered, session.sendText(KIB)));
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
