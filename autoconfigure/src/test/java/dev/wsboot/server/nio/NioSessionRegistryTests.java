package dev.wsboot.server.nio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's registry over real sessions on two paths: found by id whatever their path,
 * listed by path and all together, and gone once closed.
 */
class NioSessionRegistryTests {

	private final List<WsSession> opened = new CopyOnWriteArrayList<>();

	private final WsHandler recording = new EchoHandler() {

		@Override
		public void onOpen(WsSession session) {
			NioSessionRegistryTests.this.opened.add(session);
		}

	};

	@Test
	void findsListsAndCountsSessionsOfEveryPath() {
		try (TestWsServer server = TestWsServer.start((factory) -> {
		}, WsRoute.of("/a", this.recording), WsRoute.of("/b", this.recording));
				RawWsClient a = RawWsClient.open(server.port(), "/a");
				RawWsClient b = RawWsClient.open(server.port(), "/b")) {
			a.assertEchoes("a");
			b.assertEchoes("b");
			WsSessionRegistry registry = server.server().sessions();
			WsSession onA = sessionOn("/a");
			WsSession onB = sessionOn("/b");
			assertThat(registry.find(onA.id())).isSameAs(onA);
			assertThat(registry.find(onB.id())).isSameAs(onB);
			assertThat(registry.find(Long.toHexString(Long.parseUnsignedLong(onB.id(), 16) + 1000))).isNull();
			assertThat(registry.find("not-an-id")).isNull();
			assertThat(registry.sessions("/a")).containsExactly(onA);
			assertThat(registry.sessions("/b")).containsExactly(onB);
			assertThat(registry.all()).containsExactlyInAnyOrder(onA, onB);
			assertThat(registry.count()).isEqualTo(2);
			b.sendClose(1000);
			b.readFrame();
			TestWsServer.eventually().until(() -> registry.count() == 1);
			assertThat(registry.find(onB.id())).isNull();
			assertThat(registry.all()).containsExactly(onA);
			assertThat(registry.sessions("/b")).isEmpty();
		}
	}

	private WsSession sessionOn(String path) {
		return this.opened.stream().filter((session) -> session.path().equals(path)).findFirst().orElseThrow();
	}

}
