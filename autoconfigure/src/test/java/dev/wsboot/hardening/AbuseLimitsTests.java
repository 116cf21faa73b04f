package dev.wsboot.hardening;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on one client ({@link AbuseLimits}) on a real server: an address over its
 * connections or its rate of upgrade requests is answered 429 with {@code Retry-After}, a
 * session over its message rate is closed with 1008; each is counted, and other addresses
 * and sessions are served as before. The second address is {@code 127.0.0.2}, another
 * loopback address of this host.
 */
class AbuseLimitsTests {

	private static final InetAddress OTHER_ADDRESS = address("127.0.0.2");

	private final List<String> limitsExceeded = new CopyOnWriteArrayList<>();

	private final WsServerObserver observer = new WsServerObserver() {

		@Override
		public void onLimitExceeded(String limit) {
			AbuseLimitsTests.this.limitsExceeded.add(limit);
		}

	};

	private TestWsServer start(AbuseLimits limits) {
		return TestWsServer.start((factory) -> {
			factory.setAbuseLimits(limits);
			factory.setObserver(this.observer);
		});
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpResponse upgradeFrom(RawWsClient client) {
		return client.upgrade("/echo");
	}

	@Test
	void refusesAnAddressOverItsConnectionsWith429AndServesOthers() {
		try (TestWsServer server = start(new AbuseLimits(2, 0, 0, 0));
				RawWsClient first = server.goodClient();
				RawWsClient second = server.goodClient()) {
			try (RawWsClient third = RawWsClient.connect(server.port())) {
				HttpResponse response = upgradeFrom(third);
				assertThat(response.status()).isEqualTo(429);
				assertThat(response.header("Retry-After")).isNotNull();
			}
			assertThat(this.limitsExceeded).containsExactly("max-connections-per-address");
			try (RawWsClient elsewhere = RawWsClient.connectFrom(OTHER_ADDRESS, server.port())) {
				assertThat(upgradeFrom(elsewhere).status()).isEqualTo(101);
				elsewhere.assertEchoes("another address is served");
			}
			first.assertEchoes("still served");
			first.close();
			TestWsServer.eventually().until(() -> server.server().sessions().count() == 1);
			try (RawWsClient again = server.goodClient()) {
				again.assertEchoes("a connection given back is taken again");
			}
		}
	}

	@Test
	void givesBackTheConnectionsOfRefusedUpgrades() {
		try (TestWsServer server = start(new AbuseLimits(1, 0, 0, 0))) {
			for (int i = 0; i < 3; i++) {
				try (RawWsClient refused = RawWsClient.connect(server.port())) {
					assertThat(refused.upgrade("/nowhere").status()).isEqualTo(404);
				}
			}
			try (RawWsClient client = server.goodClient()) {
				client.assertEchoes("the 404s held nothing");
			}
		}
	}

	@Test
	void refusesAnAddressOverItsRateOfUpgradesWith429AndServesOthers() {
		try (TestWsServer server = start(new AbuseLimits(0, 1, 0, 0))) {
			// A burst of one per second: of five requests sent back to back, those past the first
			// are refused unless each took a second.
			List<Integer> statuses = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 5; i++) {
				try (RawWsClient client = RawWsClient.connect(server.port())) {
					statuses.add(upgradeFrom(client).status());
				}
			}
			assertThat(statuses.get(0)).isEqualTo(101);
			assertThat(statuses).contains(429).containsOnly(101, 429);
			assertThat(this.limitsExceeded).contains("handshake-rate-per-address");
			try (RawWsClient elsewhere = RawWsClient.connectFrom(OTHER_ADDRESS, server.port())) {
				assertThat(upgradeFrom(elsewhere).status()).isEqualTo(101);
				elsewhere.assertEchoes("another address has its own rate");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void closesASessionOverItsMessageRateWith1008AndServesOthers(Dispatch dispatch) {
		try (TestWsServer server = start(new AbuseLimits(0, 0, 1, 3));
				RawWsClient flooding = server.open(dispatch);
				RawWsClient calm = server.open(dispatch)) {
			ClientFrame[] flood = new ClientFrame[10];
			for (int i = 0; i < flood.length; i++) {
				flood[i] = ClientFrame.text("m" + i);
			}
			// One write, read in one turn: no time passes to refill the burst of three.
			flooding.send(flood);
			flooding.expectText("m0");
			flooding.expectText("m1");
			flooding.expectText("m2");
			ServerFrame close = flooding.expectClose(CloseCodes.POLICY_VIOLATION);
			assertThat(close.closeReason()).isEqualTo("Message rate exceeded");
			assertThat(this.limitsExceeded).containsExactly("max-message-rate");
			calm.assertEchoes("another session has its own rate");
		}
	}

}
