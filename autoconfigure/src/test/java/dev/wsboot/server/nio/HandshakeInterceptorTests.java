package dev.wsboot.server.nio;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsUpgrade;
import dev.wsboot.server.WsUpgradeCheck;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WsHandshakeInterceptor}s on a real server: they add to the standard handshake, see
 * the request as its route matched it, refuse with any status and headers, leave attributes
 * and a principal for the session, and decide off the I/O thread, within the handshake
 * timeout, without holding up other connections.
 */
class HandshakeInterceptorTests {

	private final BlockingQueue<WsSession> opened = new LinkedBlockingQueue<>();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private TestWsServer server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.close();
		}
	}

	private void start(Consumer<NioWsServerFactory> configuration, WsHandshakeInterceptor... interceptors) {
		EchoHandler handler = new EchoHandler() {

			@Override
			public void onOpen(WsSession session) {
				HandshakeInterceptorTests.this.opened.add(session);
			}

		};
		WsRoute rooms = new WsRoute("/rooms/{room}", handler, List.of("chat.v1"), false, WsUpgradeCheck.NONE,
				WsMessageEncoder.STANDARD);
		this.server = TestWsServer.start((factory) -> {
			factory.setHandshakeInterceptors(List.of(interceptors));
			configuration.accept(factory);
		}, rooms);
	}

	private WsHandshakeInterceptor named(String name, Consumer<WsUpgrade> decision) {
		return new WsHandshakeInterceptor() {

			@Override
			public void beforeUpgrade(WsUpgrade upgrade) {
				HandshakeInterceptorTests.this.calls.add(name + " on " + Thread.currentThread().getName());
				decision.accept(upgrade);
			}

		};
	}

	@Test
	void seesTheRequestAsItsRouteMatchedItAndLeavesAttributesAndAPrincipalForTheSession() throws Exception {
		Principal alice = () -> "alice";
		start((factory) -> {
		}, named("first", (upgrade) -> {
			assertThat(upgrade.template()).isEqualTo("/rooms/{room}");
			assertThat(upgrade.pathVariables()).containsExactly(Map.entry("room", "lobby"));
			assertThat(upgrade.queryParameters().first("user")).isEqualTo("alice");
			assertThat(upgrade.subprotocol()).isEqualTo("chat.v1");
			upgrade.attributes().put("checked", true);
			upgrade.principal(alice);
		}));
		UpgradeRequest request = UpgradeRequest.to("/rooms/lobby?user=alice", this.server.port())
			.header("Sec-WebSocket-Protocol", "other, chat.v1");
		try (RawWsClient client = RawWsClient.open(this.server.port(), request, new byte[0])) {
			WsSession session = this.opened.poll(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(session).isNotNull();
			assertThat(session.attributes()).containsEntry("checked", true);
			assertThat(session.principal()).isSameAs(alice);
			assertThat(session.subprotocol()).isEqualTo("chat.v1");
			assertThat(this.server.server().sessions().sessionsOf("alice")).containsExactly(session);
			client.assertEchoes("in");
		}
		assertThat(this.calls).singleElement().asString().doesNotContain("ws-io-");
		this.server.awaitNothingOpen();
		assertThat(this.server.server().sessions().sessionsOf("alice")).isEmpty();
	}

	@Test
	void refusesWithTheStatusAndHeadersOfTheInterceptorsRefusalAndAsksNoLaterOne() {
		start((factory) -> {
		}, named("first", (upgrade) -> {
			throw new HandshakeException(401, "Log in first", HttpHeaders.of("WWW-Authenticate", "Bearer"));
		}), named("second", (upgrade) -> {
		}));
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			HttpResponse response = client.upgrade("/rooms/lobby");
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
			client.readUntilEnd();
		}
		assertThat(this.calls).hasSize(1).allMatch((call) -> call.startsWith("first"));
		this.server.awaitNothingOpen();
	}

	@Test
	void asksAnInterceptorOnlyAboutTheEndpointsItAppliesTo() {
		start((factory) -> {
		}, new WsHandshakeInterceptor() {

			@Override
			public boolean appliesTo(String template) {
				return template.equals("/rooms/{room}");
			}

			@Override
			public void beforeUpgrade(WsUpgrade upgrade) {
				HandshakeInterceptorTests.this.calls.add(upgrade.template());
				throw new HandshakeException(403, "Rooms are closed");
			}

		});
		try (RawWsClient echo = this.server.goodClient()) {
			echo.assertEchoes("not asked");
		}
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			assertThat(client.upgrade("/rooms/lobby").status()).isEqualTo(403);
		}
		assertThat(this.calls).containsExactly("/rooms/{room}");
	}

	@Test
	void answers500WhenAnInterceptorFails() {
		start((factory) -> {
		}, named("failing", (upgrade) -> {
			throw new IllegalStateException("broken");
		}));
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			assertThat(client.upgrade("/rooms/lobby").status()).isEqualTo(500);
		}
	}

	@Test
	void asksNoInterceptorWhenTheStandardHandshakeRefuses() {
		start((factory) -> {
		}, named("first", (upgrade) -> {
		}));
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			HttpResponse response = client
				.upgrade(UpgradeRequest.to("/rooms/lobby", this.server.port()).header("Origin", "https://evil.example"));
			assertThat(response.status()).isEqualTo(403);
		}
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			assertThat(client.upgrade("/nowhere").status()).isEqualTo(404);
		}
		assertThat(this.calls).isEmpty();
	}

	@Test
	void acceptsOnceADecisionMadeElsewhereCompletes() throws Exception {
		CompletableFuture<Void> decision = new CompletableFuture<>();
		start((factory) -> {
		}, new WsHandshakeInterceptor() {

			@Override
			public CompletionStage<?> beforeUpgradeAsync(WsUpgrade upgrade) {
				return decision;
			}

		}, named("after the asynchronous one", (upgrade) -> {
		}));
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			UpgradeRequest request = UpgradeRequest.to("/rooms/lobby", this.server.port());
			client.send(request.bytes());
			client.expectNoFrameWithin(Duration.ofMillis(100));
			decision.complete(null);
			assertThat(client.readHttpHead().status()).isEqualTo(101);
			client.assertEchoes("decided");
		}
		// Continued on a worker thread, not on the thread that completed the decision.
		assertThat(this.calls).singleElement().asString().contains("ws-handler-");
	}

	@Test
	void refusesWithTheStatusOfADecisionThatFailsElsewhere() {
		CompletableFuture<Void> decision = new CompletableFuture<>();
		start((factory) -> {
		}, new WsHandshakeInterceptor() {

			@Override
			public CompletionStage<?> beforeUpgradeAsync(WsUpgrade upgrade) {
				return decision;
			}

		});
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			client.send(UpgradeRequest.to("/rooms/lobby", this.server.port()).bytes());
			decision.completeExceptionally(new HandshakeException(403, "Not you"));
			assertThat(client.readHttpHead().status()).isEqualTo(403);
		}
	}

	@Test
	void aBlockingInterceptorDoesNotHoldUpOtherConnections() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		start((factory) -> {
		}, named("blocking for ?slow", (upgrade) -> {
			if (upgrade.queryParameters().first("slow") != null) {
				await(release);
			}
		}));
		try (RawWsClient slow = RawWsClient.connect(this.server.port())) {
			slow.send(UpgradeRequest.to("/rooms/slow?slow", this.server.port()).bytes());
			// One I/O thread serves both: had it waited for the slow decision, this could not pass.
			try (RawWsClient other = RawWsClient.open(this.server.port(), "/rooms/fast")) {
				other.assertEchoes("not held up");
			}
			try (RawWsClient echo = this.server.goodClient()) {
				echo.assertEchoes("neither is this");
			}
			slow.expectNoFrameWithin(Duration.ofMillis(50));
			release.countDown();
			assertThat(slow.readHttpHead().status()).isEqualTo(101);
			slow.assertEchoes("decided at last");
		}
	}

	@Test
	void keepsTheFirstFramesSentWithTheRequestUntilTheDecision() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		start((factory) -> {
		}, named("blocking", (upgrade) -> await(release)));
		UpgradeRequest request = UpgradeRequest.to("/rooms/lobby", this.server.port());
		byte[] head = request.bytes();
		byte[] frame = ClientFrame.text("early").bytes();
		byte[] both = new byte[head.length + frame.length];
		System.arraycopy(head, 0, both, 0, head.length);
		System.arraycopy(frame, 0, both, head.length, frame.length);
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			client.send(both);
			client.sendText("later");
			release.countDown();
			assertThat(client.readHttpHead().status()).isEqualTo(101);
			client.expectText("early");
			client.expectText("later");
		}
	}

	@Test
	void answers503WhenTheDecisionTakesLongerThanTheHandshakeTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		start((factory) -> factory.setHandshakeTimeout(Duration.ofMillis(200)),
				named("never in time", (upgrade) -> await(release)));
		try (RawWsClient client = RawWsClient.connect(this.server.port())) {
			client.send(UpgradeRequest.to("/rooms/lobby", this.server.port()).bytes());
			HttpResponse response = client.readHttpHead();
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.header("Retry-After")).isNotNull();
			client.readUntilEnd();
		}
		release.countDown();
		this.server.awaitNothingOpen();
		assertThat(this.opened).isEmpty();
		// The slot the undecided upgrade held is free again.
		try (RawWsClient echo = this.server.goodClient()) {
			echo.assertEchoes("still served");
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("Not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
