package dev.wsboot.tls;

import java.nio.file.Path;
import java.util.Random;

import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.server.ssl.ClientAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket over TLS with the JDK's own clients, which trust only the test CA: messages
 * of every size both ways, the session's TLS facts, and the closing handshake ending with
 * close_notify.
 */
class WssEchoTests {

	@TempDir
	static Path dir;

	private static TestCertificates certificates;

	private static TestWsServer server;

	@BeforeAll
	static void start() {
		certificates = TestCertificates.create(dir);
		server = TlsServers.start(certificates);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void jdkHttpClientEchoesTextAndBinaryOverWss(Dispatch dispatch) throws Exception {
		JdkWsClient client = JdkWsClient.connectTls(server.port(), dispatch.path(), certificates.clientContext());
		assertThat(client.echo("hello over TLS")).isEqualTo("hello over TLS");
		byte[] large = new byte[700_000];
		new Random(7).nextBytes(large);
		client.sendBinary(large);
		assertThat(client.nextBinary()).isEqualTo(large);
		assertThat(client.close()).isEqualTo(1000);
	}

	@Test
	void manySmallMessagesInFlightComeBackInOrder() throws Exception {
		JdkWsClient client = JdkWsClient.connectTls(server.port(), Dispatch.INLINE.path(), certificates.clientContext());
		for (int i = 0; i < 2000; i++) {
			client.webSocket().sendText("message " + i, true);
		}
		for (int i = 0; i < 2000; i++) {
			assertThat(client.nextText()).isEqualTo("message " + i);
		}
		client.close();
	}

	@Test
	void sessionKnowsItIsSecureAndItsProtocol() throws Exception {
		JdkWsClient client = JdkWsClient.connectTls(server.port(), "/session", certificates.clientContext());
		assertThat(client.echo("secure")).isEqualTo("true");
		assertThat(client.echo("protocol")).isEqualTo("TLSv1.3");
		assertThat(client.echo("peer")).isEqualTo("none");
		client.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "TLSv1.2", "TLSv1.3" })
	void serverLimitedToOneProtocolSpeaksIt(String protocol) throws Exception {
		try (TestWsServer limited = TlsServers.start(certificates, ClientAuth.NONE, new String[] { protocol },
				(factory) -> {
				})) {
			JdkWsClient client = JdkWsClient.connectTls(limited.port(), "/session", certificates.clientContext());
			assertThat(client.echo("protocol")).isEqualTo(protocol);
			assertThat(client.echo("x".repeat(100_000))).isEqualTo("?");
			client.close();
		}
	}

	@Test
	void closingHandshakeEndsWithCloseNotifyThenEndOfStream() {
		try (RawWsClient client = RawWsClient.openTls(server.port(), Dispatch.WORKER.path(),
				certificates.clientContext())) {
			client.assertEchoes("before closing");
			client.sendClose(1000);
			// An SSLSocket reads the end of the stream only after the server's close_notify.
			client.expectCloseThenEof(1000);
		}
		server.awaitNothingOpen();
	}

}
