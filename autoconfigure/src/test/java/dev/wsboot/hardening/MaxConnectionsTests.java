package dev.wsboot.hardening;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code maxConnections} sessions open, the next upgrade is refused with 503 and a
 * {@code Retry-After}, the open sessions are served meanwhile, and a place freed is taken.
 */
class MaxConnectionsTests {

	@Test
	void upgradeBeyondTheLimitIsAnswered503AndAcceptedOnceAPlaceIsFree() {
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setMaxConnections(2));
				RawWsClient first = server.goodClient();
				RawWsClient second = server.goodClient()) {
			try (RawWsClient third = RawWsClient.connect(server.port())) {
				third.sendUpgradeRequest("/echo");
				String answer = third.readUntilEndAsText();
				assertThat(answer).startsWith("HTTP/1.1 503 ").containsIgnoringCase("\r\nRetry-After: ");
			}
			first.assertEchoes("served while the third was refused");
			second.assertEchoes("served while the third was refused");

			first.sendClose(CloseCodes.NORMAL);
			first.expectClose(CloseCodes.NORMAL);
			TestWsServer.eventually().until(() -> server.server().sessions().count() == 1);

			try (RawWsClient fourth = server.goodClient()) {
				second.assertEchoes("served beside the newcomer");
			}
		}
	}

}
