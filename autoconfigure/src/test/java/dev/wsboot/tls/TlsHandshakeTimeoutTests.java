package dev.wsboot.tls;

import java.nio.file.Path;
import java.time.Duration;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ws.handshake-timeout} covers the TCP accept, the TLS handshake and the upgrade
 * request together: a client stuck in any of them is dropped, while a good one is served.
 */
class TlsHandshakeTimeoutTests {

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	@TempDir
	static Path dir;

	private static TestCertificates certificates;

	private static final TlsServers.RecordingObserver observer = new TlsServers.RecordingObserver();

	private static TestWsServer server;

	@BeforeAll
	static void start() {
		certificates = TestCertificates.create(dir);
		server = TlsServers.start(certificates, ClientAuth.NONE, null, (factory) -> {
			factory.setHandshakeTimeout(TIMEOUT);
			factory.setObserver(observer);
		});
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void clientThatSendsNothingIsDropped() {
		try (RawWsClient client = RawWsClient.connect(server.port())) {
			assertThat(client.readUntilEnd()).isEmpty();
		}
		assertThat(observer.limits).contains("handshake-timeout");
	}

	@Test
	void tlsHandshakeThatNeverCompletesIsDroppedWithoutAnHttpAnswer() {
		try (RawWsClient client = RawWsClient.connect(server.port())) {
			// The start of a ClientHello record, and no more.
			client.send(new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 });
			assertThat(client.readUntilEnd()).isEmpty();
		}
		server.awaitNothingOpen();
	}

	@Test
	void upgradeRequestThatNeverCompletesAfterTheTlsHandshakeIsAnswered408() {
		try (RawWsClient client = RawWsClient.connectTls(server.port(), certificates.clientContext())) {
			client.send("GET /echo HTTP/1.1\r\n");
			assertThat(client.readUntilEndAsText()).startsWith("HTTP/1.1 408 ");
		}
		server.awaitNothingOpen();
	}

	@Test
	void peerThatDisconnectsMidHandshakeLeavesNothingOpen() {
		try (RawWsClient client = RawWsClient.connect(server.port())) {
			client.send(new byte[] { 0x16, 0x03, 0x01, 0x02 });
		}
		server.awaitNothingOpen();
	}

	@Test
	void goodClientIsServedAlongside() {
		try (RawWsClient stuck = RawWsClient.connect(server.port());
				RawWsClient good = RawWsClient.openTls(server.port(), "/echo", certificates.clientContext())) {
			good.assertEchoes("served while another hangs");
		}
	}

}
