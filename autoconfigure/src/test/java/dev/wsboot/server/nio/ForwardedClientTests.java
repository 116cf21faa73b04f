package dev.wsboot.server.nio;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.forwarded.TrustedProxies;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarding headers on a real server, whose only trusted proxy is {@code 127.0.0.1}: from
 * it, the session's remote address and scheme, and the per-address limits, are the client's
 * it names; from {@code 127.0.0.2}, which is not trusted, the same headers change nothing.
 */
class ForwardedClientTests {

	private static final InetAddress UNTRUSTED = address("127.0.0.2");

	private TestWsServer server;

	@BeforeEach
	void startServer() {
		WsHandler whoAmI = new EchoHandler() {

			@Override
			public void onOpen(WsSession session) {
				session.sendText(session.remoteAddress().getAddress().getHostAddress() + " " + session.scheme());
			}

		};
		this.server = TestWsServer.start((factory) -> {
			factory.setTrustedProxies(TrustedProxies.of(List.of("127.0.0.1")));
			factory.setAbuseLimits(new AbuseLimits(1, 0, 0, 0));
		}, WsRoute.of("/whoami", whoAmI));
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private UpgradeRequest forwarded(String client) {
		return UpgradeRequest.to("/whoami", this.server.port())
			.header("X-Forwarded-For", client)
			.header("X-Forwarded-Proto", "https");
	}

	@Test
	void namesTheClientATrustedProxyForwarded() {
		try (RawWsClient client = RawWsClient.open(this.server.port(), forwarded("203.0.113.7"), new byte[0])) {
			client.expectText("203.0.113.7 wss");
		}
	}

	@Test
	void ignoresForwardingHeadersFromAnyoneElse() {
		try (RawWsClient client = RawWsClient.connectFrom(UNTRUSTED, this.server.port())) {
			assertThat(client.upgrade(forwarded("203.0.113.7")).status()).isEqualTo(101);
			client.expectText("127.0.0.2 ws");
		}
		try (RawWsClient client = RawWsClient.connectFrom(UNTRUSTED, this.server.port())) {
			assertThat(client.upgrade(UpgradeRequest.to("/whoami", this.server.port())
				.header("Forwarded", "for=203.0.113.7;proto=https")).status()).isEqualTo(101);
			client.expectText("127.0.0.2 ws");
		}
	}

	@Test
	void countsTheForwardedClientsAddressAgainstItsLimits() {
		try (RawWsClient first = RawWsClient.open(this.server.port(), forwarded("203.0.113.7"), new byte[0]);
				RawWsClient second = RawWsClient.open(this.server.port(), forwarded("203.0.113.8"), new byte[0])) {
			first.expectText("203.0.113.7 wss");
			second.expectText("203.0.113.8 wss");
			try (RawWsClient again = RawWsClient.connect(this.server.port())) {
				assertThat(again.upgrade(forwarded("203.0.113.7")).status()).isEqualTo(429);
			}
		}
	}

	@Test
	void countsAnUntrustedPeerByItsOwnAddressWhateverItsHeadersSay() {
		try (RawWsClient first = RawWsClient.connectFrom(UNTRUSTED, this.server.port())) {
			assertThat(first.upgrade(forwarded("203.0.113.7")).status()).isEqualTo(101);
			try (RawWsClient second = RawWsClient.connectFrom(UNTRUSTED, this.server.port())) {
				assertThat(second.upgrade(forwarded("203.0.113.9")).status()).isEqualTo(429);
			}
		}
	}

}
