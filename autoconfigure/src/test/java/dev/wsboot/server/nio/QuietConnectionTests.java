package dev.wsboot.server.nio;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection gone quiet gives back what traffic made it hold, at its loop's next sweep,
 * and loses nothing of a frame still arriving when it does.
 */
class QuietConnectionTests {

	@Test
	void aQuietConnectionLetsGoOfItsOutputButNotOfAFrameHeaderStillArriving() throws Exception {
		CompletableFuture<WsSession> opened = new CompletableFuture<>();
		WsHandler echo = new EchoHandler() {

			@Override
			public void onOpen(WsSession session) {
				opened.complete(session);
			}

		};
		// A short handshake timeout makes the loop sweep every few tens of milliseconds.
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setHandshakeTimeout(Duration.ofMillis(200)),
				WsRoute.of("/quiet", echo)); RawWsClient client = RawWsClient.open(server.port(), "/quiet")) {
			Connection connection = ((NioWsSession) opened.get(10, TimeUnit.SECONDS)).connection();
			byte[] second = ClientFrame.text("second").bytes();
			// One whole message and the first byte of the next, then silence.
			client.send(concat(ClientFrame.text("first").bytes(), new byte[] { second[0] }));
			assertThat(client.readFrame().text()).isEqualTo("first");
			TestWsServer.eventually().until(() -> connection.outputIfAny() == null);
			client.send(Arrays.copyOfRange(second, 1, second.length));
			assertThat(client.readFrame().text()).isEqualTo("second");
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
