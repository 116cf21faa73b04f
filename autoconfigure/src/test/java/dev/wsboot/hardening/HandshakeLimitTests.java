package dev.wsboot.hardening;

import java.time.Duration;

import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade request over a limit is answered with its HTTP status and the connection
 * closed, while a client already connected keeps being served.
 */
class HandshakeLimitTests {

	/** 64-byte request line, 512-byte head, 8 header fields. */
	private static final HandshakeLimits SMALL = new HandshakeLimits(64, 512, 8);

	@Nested
	class SizeLimits {

		private TestWsServer server;

		private RawWsClient good;

		@BeforeEach
		void start() {
			this.server = TestWsServer.start((factory) -> factory.setHandshakeLimits(SMALL));
			this.good = this.server.goodClient();
		}

		@AfterEach
		void stop() {
			this.good.close();
			this.server.close();
		}

		@Test
		void requestLineTooLongIsAnswered414ThenClosed() {
			String answer = refusal("GET /echo?" + "q".repeat(100) + " HTTP/1.1\r\nHost: h\r\n\r\n");
			assertThat(answer).startsWith("HTTP/1.1 414 ");
			this.good.assertEchoes("still served after a 414");
		}

		@Test
		void headerBlockTooLargeIsAnswered431ThenClosed() {
			String answer = refusal("GET /echo HTTP/1.1\r\nHost: h\r\nCookie: " + "c".repeat(600) + "\r\n\r\n");
			assertThat(answer).startsWith("HTTP/1.1 431 ");
			this.good.assertEchoes("still served after a 431");
		}

		@Test
		void tooManyHeaderFieldsAreAnswered431ThenClosed() {
			StringBuilder request = new StringBuilder("GET /echo HTTP/1.1\r\n");
			for (int i = 0; i < 9; i++) {
				request.append("X-").append(i).append(": v\r\n");
			}
			String answer = refusal(request.append("\r\n").toString());
			assertThat(answer).startsWith("HTTP/1.1 431 ");
			this.good.assertEchoes("still served after too many headers");
		}

		private String refusal(String request) {
			try (RawWsClient client = RawWsClient.connect(this.server.port())) {
				client.send(request);
				// Read until the server closes: the answer, then EOF.
				return client.readUntilEndAsText();
			}
		}

	}

	@Nested
	class Timeout {

		private TestWsServer server;

		@BeforeEach
		void start() {
			this.server = TestWsServer.start((factory) -> factory.setHandshakeTimeout(Duration.ofMillis(300)));
		}

		@AfterEach
		void stop() {
			this.server.close();
		}

		@Test
		void clientStallingInItsRequestIsAnswered408ThenClosed() {
			try (RawWsClient good = this.server.goodClient()) {
				try (RawWsClient slow = RawWsClient.connect(this.server.port())) {
					slow.send("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr");
					String answer = slow.readUntilEndAsText();
					assertThat(answer).startsWith("HTTP/1.1 408 ");
				}
				good.assertEchoes("still served after a slowloris");
				this.server.awaitOpen(1);
			}
		}

		@Test
		void clientSendingNothingIsClosed() {
			try (RawWsClient good = this.server.goodClient()) {
				try (RawWsClient silent = RawWsClient.connect(this.server.port())) {
					// The server ends the connection; a 408 before it is allowed (RFC 9110 §15.5.9).
					String answer = silent.readUntilEndAsText();
					assertThat(answer).satisfiesAnyOf((text) -> assertThat(text).isEmpty(),
							(text) -> assertThat(text).startsWith("HTTP/1.1 408 "));
				}
				good.assertEchoes("still served after a silent client");
				this.server.awaitOpen(1);
			}
		}

	}

}
