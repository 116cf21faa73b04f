package dev.wsboot.test.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client reads as a strict client does: what RFC 6455 forbids a server fails the test
 * that meets it, saying what the server sent; what it allows is taken as a client library
 * would take it.
 */
class StrictClientTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	@Test
	void joinsFragmentsIntoAMessage() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x01, 0x02, 'h', 'e', 0x89, 0x00, 0x80, 0x03, 'l', 'l', 'o');
			assertThat(session).receivesText("hello");
		}
	}

	@Test
	void answersAPingWithItsPayload() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x89, 0x02, 'h', 'i');
			assertThat(server.readFrame()).containsExactly(0x8A, 'h', 'i');
			assertThat(session.nextPing()).containsExactly('h', 'i');
		}
	}

	@Test
	void echoesTheServersCloseCode() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x88, 0x04, 0x03, 0xE9, 'b', 'y');
			assertThat(server.readFrame()).containsExactly(0x88, 0x03, 0xE9);
			assertThat(session).closesWith(1001, "by");
		}
	}

	@Test
	void reportsAConnectionEndedWithoutACloseFrameAs1006() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.drop();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(session::nextMessage)
				.withMessage("Expected a message from /fake, but the server closed the connection without a close"
						+ " frame (1006)");
			assertThat(session).closesWith(1006);
		}
	}

	@Test
	void reportsAServerThatKeepsTheConnectionAfterItsClose() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = WsTestClient.builder().port(server.port()).timeout(SHORT).build().open("/fake");
			server.send(0x88, 0x02, 0x03, 0xE8);
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> assertThat(session).closesWith(1000).endsTheConnection())
				.withMessage("Expected the server to end the connection of /fake, but it was still up after 300 ms"
						+ " (the server closed the session with 1000)");
		}
	}

	@Test
	void failsOnAMaskedFrame() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x81, 0x81, 0, 0, 0, 0, 'x');
			assertThatExceptionOfType(AssertionError.class).isThrownBy(session::nextMessage)
				.withMessage("Expected a message from /fake, but the server sent a masked frame, which a server MUST"
						+ " NOT send (RFC 6455 §5.1); the frame's bytes: [81 81]");
		}
	}

	@Test
	void failsOnTextThatIsNotUtf8() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x81, 0x02, 0xC0, 0xAF);
			assertThatExceptionOfType(AssertionError.class).isThrownBy(session::nextMessage)
				.withMessage("Expected a message from /fake, but the server sent a text message that is not UTF-8"
						+ " (RFC 6455 §5.6): binary [c0 af]");
		}
	}

	@Test
	void failsOnACloseCodeNoEndpointMaySend() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x88, 0x02, 0x03, 0xED);
			assertThatExceptionOfType(AssertionError.class).isThrownBy(session::awaitClose)
				.withMessageContaining("the server sent the close code 1005, which no endpoint may send (RFC 6455 §7.4)");
		}
	}

	@Test
	void failsOnALengthNotInItsShortestForm() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			server.send(0x81, 0x7E, 0x00, 0x01, 'x');
			assertThatExceptionOfType(AssertionError.class).isThrownBy(session::nextMessage)
				.withMessageContaining("a 16-bit length of 1, not the shortest form (RFC 6455 §5.2)");
		}
	}

	@Test
	void failsOnAnAcceptThatDoesNotMatchTheKey() throws Exception {
		try (FakeServer server = FakeServer.answering((key) -> "HTTP/1.1 101 Switching Protocols\r\n"
				+ "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: d3Jvbmc=\r\n\r\n")) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> open(server))
				.withMessageStartingWith("The server accepted GET /fake with a Sec-WebSocket-Accept that does not match"
						+ " the key ");
		}
	}

	@Test
	void failsOnASubprotocolNotOffered() throws Exception {
		try (FakeServer server = FakeServer.answering((key) -> "HTTP/1.1 101 Switching Protocols\r\n"
				+ "Upgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Accept: " + ServerHandshakeCheck.accept(key) + "\r\nSec-WebSocket-Protocol: v3\r\n\r\n")) {
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> WsTestClient.forPort(server.port()).connect("/fake").subprotocols("v1").open())
				.withMessageContaining("with the subprotocol v3, which the client did not offer (RFC 6455 §4.1)");
		}
	}

	@Test
	void failsOnAnAnswerThatIsNotHttp() throws Exception {
		try (FakeServer server = FakeServer.answering((key) -> "SSH-2.0-OpenSSH\r\n\r\n")) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> open(server))
				.withMessage("Expected an HTTP answer to GET /fake, but the server sent \"SSH-2.0-OpenSSH\"");
		}
	}

	@Test
	void failsOnAnUpgradeNotAnswered() throws Exception {
		try (FakeServer server = FakeServer.answering((key) -> null)) {
			WsTestClient client = WsTestClient.builder().port(server.port()).timeout(SHORT).build();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.open("/fake"))
				.withMessage("Expected an answer to GET /fake, but the server sent no more within 300 ms before"
						+ " sending anything");
		}
	}

	@Test
	void checksNothingIsOnItsWayWithAPingWhenItKnowsNothingOfTheServer() throws Exception {
		try (FakeServer server = FakeServer.accepting()) {
			WsTestSession session = open(server);
			Thread pong = new Thread(() -> {
				byte[] ping = server.readFrame();
				server.send(0x81, 0x01, 'x');
				int[] frame = new int[ping.length + 1];
				frame[0] = 0x8A;
				frame[1] = ping.length - 1;
				for (int i = 1; i < ping.length; i++) {
					frame[i + 1] = ping[i] & 0xFF;
				}
				server.send(frame);
			});
			pong.start();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(session::expectNoMessage)
				.withMessage("Expected no message from /fake, but received text \"x\"");
			pong.join();
			assertThat(new String(session.nextMessage().payload(), StandardCharsets.UTF_8)).isEqualTo("x");
		}
	}

	private static WsTestSession open(FakeServer server) {
		return WsTestClient.forPort(server.port()).open("/fake");
	}

}
