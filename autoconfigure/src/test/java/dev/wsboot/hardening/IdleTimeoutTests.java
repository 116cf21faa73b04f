package dev.wsboot.hardening;

import java.time.Duration;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.Opcode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session from which nothing arrives for the idle timeout is closed with 1001; with a ping
 * interval, a peer that answers the server's pings stays open past it.
 */
class IdleTimeoutTests {

	@Test
	void silentClientIsClosedWith1001() {
		try (TestServer server = TestServer.start((factory) -> factory.setIdleTimeout(Duration.ofMillis(300)))) {
			try (RawClient silent = RawClient.open(server.port(), "/echo")) {
				assertThat(silent.readClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
				silent.sendClose(CloseCodes.GOING_AWAY);
				silent.readUntilEnd();
			}
			server.awaitNothingOpen();
		}
	}

	@Test
	void clientAnsweringPingsIsKeptOpenPastTheIdleTimeout() {
		try (TestServer server = TestServer.start((factory) -> {
			factory.setIdleTimeout(Duration.ofMillis(500));
			factory.setPingInterval(Duration.ofMillis(100));
		}); RawClient client = RawClient.open(server.port(), "/echo")) {
			// Ten pings answered take at least a second, twice the idle timeout.
			for (int pings = 0; pings < 10;) {
				RawClient.ServerFrame frame = client.readFrame();
				assertThat(frame.opcode()).as("frame from the server").isEqualTo(Opcode.PING);
				client.send(RawClient.frame(true, Opcode.PONG, frame.payload()));
				pings++;
			}
			assertThat(server.server().sessions().count()).isEqualTo(1);
			client.assertEchoes("still open after ten pings");
		}
	}

	@Test
	void clientIgnoringPingsIsClosedAtTheIdleTimeout() {
		try (TestServer server = TestServer.start((factory) -> {
			factory.setIdleTimeout(Duration.ofMillis(500));
			factory.setPingInterval(Duration.ofMillis(100));
		}); RawClient client = RawClient.open(server.port(), "/echo")) {
			RawClient.ServerFrame frame = client.readFrame();
			int pings = 0;
			while (frame.opcode() == Opcode.PING) {
				pings++;
				frame = client.readFrame();
			}
			assertThat(pings).isPositive();
			assertThat(frame.opcode()).isEqualTo(Opcode.CLOSE);
		}
	}

}
