package dev.wsboot.server.nio;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.server.WsUpgrade;
import dev.wsboot.server.WsUpgradeCheck;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route's {@link dev.wsboot.server.WsUpgradeCheck} on a real server, without Spring: it runs
 * once the protocol accepted the request and its refusal is the HTTP answer, never a 101
 * followed by an error; what it leaves reaches the session, with the matched template and
 * variables. Path templates are routed the same way.
 */
class UpgradeCheckTests {

	private final AtomicInteger checks = new AtomicInteger();

	private final BlockingQueue<WsSession> opened = new LinkedBlockingQueue<>();

	private TestWsServer server;

	@BeforeEach
	void startServer() {
		WsHandler handler = new EchoHandler() {

			@Override
			public void onOpen(WsSession session) {
				UpgradeCheckTests.this.opened.add(session);
			}

			@Override
			public void onText(WsSession session, String text) {
				session.send((Object) text);
			}

		};
		WsRoute rooms = new WsRoute("/rooms/{room}", handler, List.of(), false, this::check,
				WsMessageEncoder.STANDARD);
		WsRoute files = new WsRoute("/files/{*path}", handler, List.of(), false, WsUpgradeCheck.NONE,
				WsMessageEncoder.STANDARD);
		this.server = TestWsServer.start((factory) -> factory.setMaxConnections(2), rooms, files);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private void check(WsUpgrade upgrade) {
		this.checks.incrementAndGet();
		if (upgrade.queryParameters().first("boom") != null) {
			throw new IllegalStateException("The check itself failed");
		}
		String token = upgrade.queryParameters().first("token");
		if (!"secret".equals(token)) {
			throw new HandshakeException(403, "Wrong token for " + upgrade.pathVariables().get("room"));
		}
		upgrade.attributes().put("checked", upgrade.template());
	}

	@Test
	void opensASessionWithTheMatchedTemplateItsVariablesAndWhatTheCheckLeft() throws Exception {
		try (RawWsClient client = RawWsClient.open(this.server.port(), "/rooms/caf%C3%A9?token=secret&tag=a+b")) {
			WsSession session = this.opened.poll(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(session).isNotNull();
			assertThat(session.template()).isEqualTo("/rooms/{room}");
			assertThat(session.path()).isEqualTo("/rooms/caf%C3%A9");
			assertThat(session.pathVariables()).containsExactly(Map.entry("room", "café"));
			assertThat(session.query()).isEqualTo("token=secret&tag=a+b");
			assertThat(session.queryParameters().first("tag")).isEqualTo("a b");
			assertThat(session.attributes()).containsEntry("checked", "/rooms/{room}");
			assertThat(this.checks).hasValue(1);
			client.assertEchoes("served");
		}
	}

	@Test
	void answersTheStatusOfTheChecksRefusalInsteadOf101() {
		assertRefused("/rooms/lobby?token=wrong", 403);
		assertThat(this.checks).hasValue(1);
	}

	@Test
	void answers500WhenTheCheckFails() {
		assertRefused("/rooms/lobby?token=secret&boom", 500);
	}

	@Test
	void answers400ForAQueryWithBadPercentEncoding() {
		assertRefused("/rooms/lobby?token=%zz", 400);
	}

	@Test
	void runsNoCheckForARequestTheProtocolRefuses() {
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			HttpResponse response = client.upgrade(
					UpgradeRequest.to("/rooms/lobby?token=secret", this.server.port()).header("Sec-WebSocket-Version",
							"8"));
			assertThat(response.status()).isEqualTo(426);
		}
		assertThat(this.checks).hasValue(0);
	}

	@Test
	void answers400ForBadPercentEncodingInTheQueryOfARouteThatReadsNoParameter() {
		assertRefused("/files/a?q=%zz", 400);
	}

	@Test
	void freesTheConnectionSlotOfARefusedUpgrade() {
		assertRefused("/rooms/lobby?token=wrong", 403);
		assertRefused("/rooms/lobby?token=secret&boom", 500);
		try (RawWsClient first = RawWsClient.open(this.server.port(), "/rooms/lobby?token=secret");
				RawWsClient second = RawWsClient.open(this.server.port(), "/rooms/hall?token=secret")) {
			first.assertEchoes("one of the two connections allowed");
			second.assertEchoes("the other");
		}
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/rooms, 404", "/rooms/, 404", "/rooms/a/b, 404", "/nowhere, 404", "/rooms/%zz, 400",
			"/rooms/%C3, 400", "/files/%G0, 400" })
	void refusesAPathNoRouteServesOrThatCannotBeDecoded(String path, int status) {
		assertRefused(path, status);
		assertThat(this.checks).hasValue(0);
	}

	@Test
	void servesTheRestOfAPathFromItsTemplate() throws Exception {
		try (RawWsClient client = RawWsClient.open(this.server.port(), "/files/a/b%2Fc.txt")) {
			WsSession session = this.opened.poll(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(session).isNotNull();
			assertThat(session.template()).isEqualTo("/files/{*path}");
			assertThat(session.pathVariables()).containsExactly(Map.entry("path", "a/b/c.txt"));
		}
	}

	@Test
	void groupsSessionsByTemplateAndFindsThemByThePathTheyAskedFor() throws Exception {
		try (RawWsClient a = RawWsClient.open(this.server.port(), "/files/a");
				RawWsClient b = RawWsClient.open(this.server.port(), "/files/b/c")) {
			a.assertEchoes("a");
			b.assertEchoes("b");
			WsSessionRegistry registry = this.server.server().sessions();
			assertThat(registry.sessions("/files/{*path}")).hasSize(2);
			assertThat(registry.sessionsAt("/files/a")).singleElement()
				.satisfies((session) -> assertThat(session.pathVariables()).containsEntry("path", "a"));
			assertThat(registry.sessionsAt("/files/b/c")).hasSize(1);
			assertThat(registry.sessionsAt("/files/b")).isEmpty();
			assertThat(registry.sessions("/files/a")).isEmpty();
			assertThat(registry.sessions("/rooms/{room}")).isEmpty();
		}
	}

	/** Sends an upgrade request and expects this refusal, then the end of the connection: no 101, no frame. */
	private void assertRefused(String target, int status) {
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			client.send(UpgradeRequest.to(target, this.server.port()).bytes());
			HttpResponse response = client.readHttpResponse();
			assertThat(response.status()).as("answer to %s: %s", target, response).isEqualTo(status);
			client.expectEof();
		}
		assertThat(this.opened).isEmpty();
	}

}
