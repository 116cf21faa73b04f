package dev.wsboot.test.sample;

import java.io.UncheckedIOException;
import java.net.URI;

import dev.wsboot.context.LocalWsServerPort;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code wss:} with the trust a test gives the client, behind a TLS proxy. */
@SpringBootTest
class SecureWebSocketTests {

	@LocalWsServerPort
	int port;

	TlsProxy proxy;

	@BeforeEach
	void startProxy() throws Exception {
		this.proxy = new TlsProxy(this.port);
	}

	@AfterEach
	void stopProxy() {
		this.proxy.close();
	}

	@Test
	void opensASessionOverTlsWithTheTrustGiven() throws Exception {
		WsTestClient client = WsTestClient.builder()
			.baseUri(URI.create("wss://localhost:" + this.proxy.port()))
			.sslContext(TlsProxy.trustingContext())
			.build();
		try (WsTestSession session = client.open("/echo")) {
			session.sendText("secret");
			assertThat(session).receivesText("secret");
		}
	}

	@Test
	void refusesAServerItDoesNotTrust() {
		WsTestClient client = WsTestClient.builder().baseUri(URI.create("wss://localhost:" + this.proxy.port())).build();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> client.open("/echo"))
			.withMessageStartingWith("Could not connect to localhost:" + this.proxy.port() + ": PKIX path building failed");
	}

}
