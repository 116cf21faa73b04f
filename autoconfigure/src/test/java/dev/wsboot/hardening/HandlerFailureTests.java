package dev.wsboot.hardening;

import java.util.List;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsRoute;
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
		try (TestServer server = TestServer.start((factory) -> {
		}, route); RawClient bystander = RawClient.open(server.port(), "/counting");
				RawClient failing = RawClient.open(server.port(), "/counting")) {
			failing.assertEchoes("fine so far");
			failing.sendText(CountingHandler.BOOM);
			assertThat(failing.readClose().code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
			failing.sendClose(CloseCodes.INTERNAL_ERROR);
			bystander.assertEchoes("unaffected");
			assertThat(handler.errors).hasSize(1).containsExactlyElementsOf(handler.thrown);
			TestServer.eventually().until(() -> handler.closed() == 1);
			assertThat(handler.closeCodes).containsExactly(CloseCodes.INTERNAL_ERROR);
			bystander.assertEchoes("still unaffected");
		}
	}

}
