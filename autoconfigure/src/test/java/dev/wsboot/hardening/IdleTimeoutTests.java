package dev.wsboot.hardening;

import java.time.Duration;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session from which nothing arrives for the idle timeout is closed with 1001; with a ping
 * interval, a peer that answers the server's pings stays open past it, and one that never
 * answers them is closed with 1001 all the same. The properties {@code ws.idle-timeout} and
 * {@code ws.ping-interval} reach these settings as {@code WsPropertiesServerCustomizerTests}
 * shows.
 */
class IdleTimeoutTests {

	@Test
	void silentClientIsClosedWith1001() {
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setIdleTimeout(Duration.ofMillis(300)))) {
			try (RawWsClient silent = RawWsClient.open(server.port(), "/echo")) {
				// The close is the first frame: without a ping interval, no ping comes before it.
				silent.expectClose(CloseCodes.GOING_AWAY);
				silent.sendClose(CloseCodes.GOING_AWAY);
				silent.readUntilEnd();
			}
			server.awaitNothingOpen();
		}
	}

	@Test
	void clientAnsweringPingsIsKeptOpenPastTheIdleTimeout() {
		try (TestWsServer server = TestWsServer.start((factory) -> {
			factory.setIdleTimeout(Duration.ofMillis(500));
			factory.setPingInterval(Duration.ofMillis(100));
		}); RawWsClient client = RawWsClient.open(server.port(), "/echo")) {
			// Ten pings answered take at least a second, twice the idle timeout.
			for (int pings = 0; pings < 10; pings++) {
				ServerFrame frame = client.readFrame();
				assertThat(frame.opcode()).as("frame from the server: %s", frame).isEqualTo(ClientFrame.PING);
				client.sendPong(frame.payload());
			}
			assertThat(server.server().sessions().count()).isEqualTo(1);
			client.sendText("still open after ten pings");
			ServerFrame echo = nextAnsweringPings(client);
			assertThat(echo.opcode()).as("frame from the server: %s", echo).isEqualTo(ClientFrame.TEXT);
			assertThat(echo.text()).isEqualTo("still open after ten pings");
			client.sendClose(CloseCodes.NORMAL);
			ServerFrame close = nextAnsweringPings(client);
			assertThat(close.isClose()).as("frame from the server: %s", close).isTrue();
			assertThat(close.closeCode()).isEqualTo(CloseCodes.NORMAL);
		}
	}

	@Test
	void clientIgnoringPingsIsClosedAtTheIdleTimeout() {
		try (TestWsServer server = TestWsServer.start((factory) -> {
			factory.setIdleTimeout(Duration.ofMillis(500));
			factory.setPingInterval(Duration.ofMillis(100));
		}); RawWsClient client = RawWsClient.open(server.port(), "/echo")) {
			ServerFrame frame = client.readFrame();
			int pings = 0;
			while (frame.isPing()) {
				pings++;
				frame = client.readFrame();
			}
			assertThat(pings).isPositive();
			assertThat(frame.isClose()).as("frame from the server: %s", frame).isTrue();
			assertThat(frame.closeCode()).isEqualTo(CloseCodes.GOING_AWAY);
		}
	}

	/** The next frame other than a ping; pings keep coming meanwhile, and are answered. */
	private static ServerFrame nextAnsweringPings(RawWsClient client) {
		ServerFrame frame = client.readFrame();
		while (frame.isPing()) {
			client.sendPong(frame.payload());
			frame = client.readFrame();
		}
		return frame;
	}

}
