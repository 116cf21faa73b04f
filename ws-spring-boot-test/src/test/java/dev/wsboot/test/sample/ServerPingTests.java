package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's keep-alive pings reach the test, which the session answers. */
@SpringBootTest(properties = { "ws.ping-interval=100ms", "ws.idle-timeout=2s" })
class ServerPingTests {

	@Autowired
	WsTestClient ws;

	@Test
	void answersTheServersPingsSoTheSessionStaysOpen() {
		WsTestSession session = this.ws.open("/echo");
		session.nextPing();
		session.nextPing();
		assertThat(session).isOpen();
		session.sendText("still here");
		assertThat(session).receivesText("still here");
	}

}
