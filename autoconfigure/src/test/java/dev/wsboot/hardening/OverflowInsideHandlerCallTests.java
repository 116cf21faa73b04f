package dev.wsboot.hardening;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A send on the I/O thread that overflows ends the session after the handler call that
 * made it, not inside the send: calls for one session never overlap, and a handler sending
 * to many sessions, perhaps holding a lock, is never called back in the middle of it.
 */
class OverflowInsideHandlerCallTests {

	@Test
	void aHandlerOnTheIoThreadOverflowingItsOwnSessionGetsOnCloseAfterItReturns() throws Exception {
		Flooder flooder = new Flooder();
		WsRoute inline = new WsRoute("/flood", flooder, List.of(), true);
		try (TestWsServer server = TestWsServer.start((factory) -> {
			factory.setMaxOutboundBuffer(64 * 1024);
			factory.setCloseTimeout(Duration.ofMillis(500));
		}, inline); RawWsClient stalled = RawWsClient.connect(server.port(), 4096)) {
			stalled.sendUpgradeRequest("/flood");
			stalled.send(ClientFrame.text("flood"));
			assertThat(flooder.last.get(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS))
				.isEqualTo(SendResult.OVERFLOW);
			Closed closed = flooder.closed.get(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(closed.code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
			assertThat(closed.insideOnText()).as("onClose called inside onText").isFalse();
		}
	}

	record Closed(int code, boolean insideOnText) {
	}

	/** On any text, sends 1 KiB messages until one is refused, noting whether onClose came meanwhile. */
	static class Flooder implements WsHandler {

		final CompletableFuture<SendResult> last = new CompletableFuture<>();

		final CompletableFuture<Closed> closed = new CompletableFuture<>();

		private volatile boolean inOnText;

		@Override
		public void onText(WsSession session, String text) {
			this.inOnText = true;
			try {
				SendResult result;
				do {
					result = session.sendText("k".repeat(1024));
				}
				while (result == SendResult.QUEUED);
				this.last.complete(result);
			}
			finally {
				this.inOnText = false;
			}
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.closed.complete(new Closed(status.code(), this.inOnText));
		}

	}

}
