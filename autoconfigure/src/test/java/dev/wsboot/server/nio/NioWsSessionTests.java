package dev.wsboot.server.nio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a session keeps of its handshake: the request's headers an application may want,
 * not those only the handshake used, and the path as requested.
 */
class NioWsSessionTests {

	@Test
	void keepsTheApplicationsHeadersButNotTheHandshakesOwn() {
		List<WsSession> opened = new CopyOnWriteArrayList<>();
		WsHandler recording = new EchoHandler() {

			@Override
			public void onOpen(WsSession session) {
				opened.add(session);
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}, WsRoute.of("/kept", recording));
				RawWsClient client = RawWsClient.open(server.port(), UpgradeRequest.to("/kept?room=1", server.port())
					.header("X-Trace", "abc")
					.header("Cookie", "id=1; theme=dark"), new byte[0])) {
			client.assertEchoes("hi");
			WsSession session = opened.get(0);
			assertThat(session.path()).isEqualTo("/kept");
			assertThat(session.query()).isEqualTo("room=1");
			assertThat(session.headers().first("X-Trace")).isEqualTo("abc");
			assertThat(session.headers().first("cookie")).isEqualTo("id=1; theme=dark");
			assertThat(session.headers().contains("Host")).isTrue();
			assertThat(session.headers().names()).doesNotContain("Upgrade", "Connection", "Sec-WebSocket-Key",
					"Sec-WebSocket-Version");
		}
	}

}
