package dev.wsboot.test.sample;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code wss:} against a server that speaks TLS with an SSL bundle: the kit's client
 * connects with {@code wss:} and trusts the bundle's certificate by itself; a client built
 * by hand trusts what it is given, and nothing else.
 */
@SpringBootTest(properties = { "spring.ssl.bundle.jks.test.keystore.location=classpath:tls/localhost.p12",
		"spring.ssl.bundle.jks.test.keystore.password=changeit", "spring.ssl.bundle.jks.test.keystore.type=PKCS12",
		"ws.ssl.enabled=true", "ws.ssl.bundle=test" })
class SecureWebSocketTests {

	@Autowired
	WsTestClient ws;

	@Test
	void theKitsClientConnectsOverTlsTrustingTheServersBundle() {
		assertThat(this.ws.baseUri().getScheme()).isEqualTo("wss");
		try (WsTestSession session = this.ws.open("/echo")) {
			session.sendText("secret");
			assertThat(session).receivesText("secret").receivesNothing();
		}
	}

	@Test
	void aClientBuiltByHandUsesTheTrustItIsGiven() throws Exception {
		WsTestClient client = WsTestClient.builder().baseUri(this.ws.baseUri()).sslContext(trustingTestKeyStore()).build();
		try (WsTestSession session = client.open("/echo")) {
			session.sendText("secret");
			assertThat(session).receivesText("secret");
		}
	}

	@Test
	void aClientBuiltByHandRefusesAServerItDoesNotTrust() {
		WsTestClient client = WsTestClient.builder().baseUri(this.ws.baseUri()).build();
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> client.open("/echo"))
			.withMessageStartingWith("Could not connect to localhost:" + this.ws.baseUri().getPort()
					+ ": PKIX path building failed");
	}

	private static SSLContext trustingTestKeyStore() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = SecureWebSocketTests.class.getResourceAsStream("/tls/localhost.p12")) {
			store.load(in, "changeit".toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
