package dev.wsboot.hardening;

import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.CloseCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code maxConnections} sessions open, the next upgrade is refused with 503 and a
 * {@code Retry-After}, the open sessions are served meanwhile, and a place freed is taken.
 */
class MaxConnectionsTests {

	@Test
	void upgradeBeyondTheLimitIsAnswered503AndAcceptedOnceAPlaceIsFree() {
		try (TestServer server = TestServer.start((factory) -> factory.setMaxConnections(2));
				RawClient first = server.goodClient();
				RawClient second = server.goodClient()) {
			try (RawClient third = RawClient.connect(server.port())) {
				third.send(RawClient.upgradeRequest("/echo"));
				String answer = new String(third.readUntilEnd(), StandardCharsets.ISO_8859_1);
				assertThat(answer).startsWith("HTTP/1.1 503 ").containsIgnoringCase("\r\nRetry-After: ");
			}
			first.assertEchoes("served while the third was refused");
			second.assertEchoes("served while the third was refused");

			first.sendClose(CloseCodes.NORMAL);
			assertThat(first.readClose().code()).isEqualTo(CloseCodes.NORMAL);
			TestServer.eventually().until(() -> server.server().sessions().count() == 1);

			try (RawClient fourth = server.goodClient()) {
				second.assertEchoes("served beside the newcomer");
			}
		}
	}

}
