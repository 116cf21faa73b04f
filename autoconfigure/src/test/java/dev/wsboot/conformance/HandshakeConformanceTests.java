package dev.wsboot.conformance;

import java.util.function.UnaryOperator;

import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opening handshake (RFC 6455 §4.2): a bad upgrade request gets a complete HTTP error
 * response, after which the server closes the connection; a good one gets a 101 whatever
 * else shares its packet.
 */
@DisplayName("Opening handshake")
class HandshakeConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	/** Sends the request made from a valid one, reads the whole response and the end of the stream. */
	private static HttpResponse refusal(UnaryOperator<UpgradeRequest> change) {
		try (RawWsClient socket = RawWsClient.connect(server.port())) {
			socket.send(change.apply(UpgradeRequest.to(Dispatch.WORKER.path(), server.port())).bytes());
			HttpResponse response = socket.readHttpResponse();
			socket.expectEof();
			return response;
		}
	}

	@Nested
	@DisplayName("Bad requests are refused with an HTTP status")
	class Refused {

		@Test
		@DisplayName("no Sec-WebSocket-Key: 400")
		void missingKey() {
			assertThat(refusal((request) -> request.without("Sec-WebSocket-Key")).status()).isEqualTo(400);
		}

		@Test
		@DisplayName("a Sec-WebSocket-Key that is not 16 bytes in base64: 400")
		void badKey() {
			assertThat(refusal((request) -> request.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZQ==")).status())
				.isEqualTo(400);
		}

		@Test
		@DisplayName("no Host: 400")
		void missingHost() {
			assertThat(refusal((request) -> request.without("Host")).status()).isEqualTo(400);
		}

		@Test
		@DisplayName("a Connection header without upgrade: 400")
		void connectionWithoutUpgrade() {
			assertThat(refusal((request) -> request.header("Connection", "keep-alive")).status()).isEqualTo(400);
		}

		@Test
		@DisplayName("version 8: 426 with Sec-WebSocket-Version: 13")
		void unsupportedVersion() {
			HttpResponse response = refusal((request) -> request.header("Sec-WebSocket-Version", "8"));
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.header("Sec-WebSocket-Version")).isEqualTo("13");
		}

		@Test
		@DisplayName("an unknown path: 404")
		void unknownPath() {
			try (RawWsClient socket = RawWsClient.connect(server.port())) {
				socket.send(UpgradeRequest.to("/nowhere", server.port()).bytes());
				HttpResponse response = socket.readHttpResponse();
				assertThat(response.status()).isEqualTo(404);
				// The body names the path the client asked for.
				assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
				socket.expectEof();
			}
		}

		@Test
		@DisplayName("POST: 405 with Allow: GET")
		void post() {
			HttpResponse response = refusal((request) -> request.method("POST"));
			assertThat(response.status()).isEqualTo(405);
			assertThat(response.header("Allow")).isEqualTo("GET");
		}

		@Test
		@DisplayName("a plain GET without Upgrade: 426")
		void plainGet() {
			HttpResponse response = refusal((request) -> request.without("Upgrade")
				.without("Sec-WebSocket-Key")
				.without("Sec-WebSocket-Version")
				.header("Connection", "keep-alive"));
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.header("Upgrade")).isEqualToIgnoringCase("websocket");
		}

	}

	@Nested
	@DisplayName("Good requests are accepted")
	class Accepted {

		@Test
		@DisplayName("Connection: keep-alive, Upgrade")
		void connectionWithSeveralTokens() {
			UpgradeRequest request = UpgradeRequest.to(Dispatch.WORKER.path(), server.port())
				.header("Connection", "keep-alive, Upgrade");
			try (RawWsClient ws = RawWsClient.open(server.port(), request, new byte[0])) {
				ws.send(ClientFrame.text("upgraded"));
				ws.expectText("upgraded");
			}
		}

		@ParameterizedTest(name = "{0}")
		@EnumSource(Dispatch.class)
		@DisplayName("the first frame in the same write as the request is echoed")
		void frameInTheSameWrite(Dispatch dispatch) {
			byte[] frames = ClientFrame.bytes(ClientFrame.text("early"), ClientFrame.binary(new byte[] { 1, 2, 3 }));
			try (RawWsClient ws = RawWsClient.open(server.port(), dispatch.path(), frames)) {
				ws.expectText("early");
				ws.expectBinary(new byte[] { 1, 2, 3 });
			}
		}

	}

}
