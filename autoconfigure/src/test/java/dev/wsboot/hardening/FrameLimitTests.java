package dev.wsboot.hardening;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A frame header declaring more than the frame limit is answered at once, from the header
 * alone: the client sends no payload byte before it reads the close, so the server cannot
 * have waited for the payload, nor allocated it (CVE-2020-13935 is the classic failure).
 */
class FrameLimitTests {

	private static final WebSocketLimits LIMITS = new WebSocketLimits(1024, 4096);

	private TestWsServer server;

	private RawWsClient good;

	@BeforeEach
	void start() {
		this.server = TestWsServer.start((factory) -> factory.setLimits(LIMITS));
		this.good = this.server.goodClient();
	}

	@AfterEach
	void stop() {
		this.good.close();
		this.server.close();
	}

	@ParameterizedTest(name = "{0} declared bytes: {1}")
	@CsvSource({
		"1025, 1009",
		"65536, 1009",
		"4611686018427387904, 1009", // 2^62
		"9223372036854775807, 1009", // 2^63-1, the largest legal length
		"-1, 1002", // 2^64-1: RFC 6455 §5.2, the most significant bit MUST be 0
		"-9223372036854775808, 1002", // 2^63
	})
	void declaredLengthOverTheLimitIsAnsweredBeforeAnyPayload(long declared, int expectedCode) {
		try (RawWsClient client = RawWsClient.open(this.server.port(), "/echo")) {
			client.send(ClientFrame.binary(new byte[0]).declaredLength(declared));
			client.expectClose(expectedCode);
			client.readUntilEnd();
		}
		this.good.assertEchoes("still served after a declared " + declared);
	}

	@Test
	void frameAtTheLimitIsAccepted() {
		try (RawWsClient client = RawWsClient.open(this.server.port(), "/echo")) {
			String text = "x".repeat(1024);
			client.assertEchoes(text);
		}
	}

	@Test
	void fragmentsOverTheMessageLimitAreAnswered1009() {
		try (RawWsClient client = RawWsClient.open(this.server.port(), "/echo")) {
			byte[] kib = new byte[1024];
			client.send(ClientFrame.binary(kib).notFinal());
			for (int i = 0; i < 3; i++) {
				client.send(ClientFrame.continuation(kib).notFinal());
			}
			client.send(ClientFrame.continuation(new byte[1]));
			client.expectClose(CloseCodes.MESSAGE_TOO_BIG);
		}
		this.good.assertEchoes("still served after an oversized message");
	}

}
