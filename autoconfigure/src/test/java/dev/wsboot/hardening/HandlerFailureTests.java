package dev.wsboot.hardening;

import java.util.List;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsRoute;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that throws closes its own session with 1011 after {@code onError}, and no
 * other: on a worker thread and on the I/O thread alike.
 */
class HandlerFailureTests {

	@Test
	void exceptionOnAWorkerThreadClosesOnlyItsSessionWith1011() {
		assertFailureIsContained(false);
	}

	@Test
	void exceptionOnTheIoThreadClosesOnlyItsSessionWith1011() {
		assertFailureIsContained(true);
	}

	private void assertFailureIsContained(boolean nonBlocking) {
		CountingHandler handler = new CountingHandler();
		WsRoute route = new WsRoute("/counting", handler, List.of(), nonBlocking);
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}, route); RawWsClient bystander = RawWsClient.open(server.port(), "/counting");
				RawWsClient failing = RawWsClient.open(server.port(), "/counting")) {
			failing.assertEchoes("fine so far");
			failing.sendText(CountingHandler.BOOM);
			failing.expectClose(CloseCodes.INTERNAL_ERROR);
			failing.sendClose(CloseCodes.INTERNAL_ERROR);
			bystander.assertEchoes("unaffected");
			assertThat(handler.errors).hasSize(1).containsExactlyElementsOf(handler.thrown);
			TestWsServer.eventually().until(() -> handler.closed() == 1);
			assertThat(handler.closeCodes).containsExactly(CloseCodes.INTERNAL_ERROR);
			bystander.assertEchoes("still unaffected");
		}
	}

}
