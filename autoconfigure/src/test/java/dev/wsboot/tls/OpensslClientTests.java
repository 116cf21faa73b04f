package dev.wsboot.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenSSL's own client against the server: the upgrade and an echo over TLS 1.2 and 1.3,
 * key updates in both directions (TLS 1.3), and a renegotiation (TLS 1.2), which the
 * server refuses by closing the connection and counts.
 */
class OpensslClientTests {

	@TempDir
	static Path dir;

	private static TestCertificates certificates;

	private static final TlsServers.RecordingObserver observer = new TlsServers.RecordingObserver();

	private static TestWsServer server;

	@BeforeAll
	static void start() {
		certificates = TestCertificates.create(dir);
		server = TlsServers.start(certificates, ClientAuth.NONE, null, (factory) -> factory.setObserver(observer));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "-tls1_2", "-tls1_3" })
	void upgradesAndEchoes(String protocol) {
		try (OpensslClient client = OpensslClient.connect(server.port(), certificates.caCertificate(), protocol)) {
			upgrade(client);
			echo(client, "echoed by a server that OpenSSL talks to");
		}
	}

	@Test
	void keyUpdatesInBothDirectionsKeepTheSessionGoing() {
		int failuresBefore = observer.tlsFailures.size();
		try (OpensslClient client = OpensslClient.connect(server.port(), certificates.caCertificate(), "-tls1_3",
				"-msg")) {
			upgrade(client);
			echo(client, "before any key update");
			assertThat(client.output()).doesNotContain("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
			// K: the client updates its keys and asks the server to update its own.
			client.send("K\n");
			client.awaitOutput("KEYUPDATE");
			// -msg shows the server's own key update arriving.
			client.awaitOutput("<<< TLS 1.3, Handshake [length 0005], KeyUpdate");
			echo(client, "after a key update both ways");
			// k: the client updates its keys only.
			client.send("k\n");
			TestWsServer.eventually().until(() -> client.output().split("KEYUPDATE", -1).length == 3);
			echo(client, "after a key update of the client's");
		}
		assertThat(observer.tlsFailures).hasSize(failuresBefore);
	}

	@Test
	void renegotiationIsRefusedByClosingAndCounted() throws Exception {
		try (OpensslClient client = OpensslClient.connect(server.port(), certificates.caCertificate(), "-tls1_2")) {
			upgrade(client);
			echo(client, "before renegotiating");
			client.send("R\n");
			client.awaitOutput("RENEGOTIATING");
			assertThat(client.awaitExit()).as("openssl ended, the server having closed").isTrue();
		}
		TestWsServer.eventually().until(() -> observer.tlsFailures.contains("renegotiation"));
		server.awaitNothingOpen();
	}

	private void upgrade(OpensslClient client) {
		client.send(UpgradeRequest.to("/echo", server.port()).bytes());
		client.awaitOutput("HTTP/1.1 101 ");
	}

	private static void echo(OpensslClient client, String text) {
		// A masked frame: its first byte (0x81) is none of s_client's commands.
		client.send(ClientFrame.text(text).bytes());
		client.awaitOutput(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
	}

}
