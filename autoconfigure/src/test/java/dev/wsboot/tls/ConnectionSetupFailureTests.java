package dev.wsboot.tls;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A socket the server accepted but cannot set up a connection for (here: its TLS engine
 * cannot be made) is closed at once and counts no more, and the server goes on serving.
 */
class ConnectionSetupFailureTests {

	@TempDir
	static Path dir;

	@Test
	void aSocketWhoseConnectionCannotBeSetUpIsClosedAndTheNextOneIsServed() throws Exception {
		TestCertificates certificates = TestCertificates.create(dir);
		SSLContext context = certificates.serverBundle().createSslContext();
		SslEngineSource working = SslEngineSource.of(context, ClientAuth.NONE);
		AtomicInteger engines = new AtomicInteger();
		SslEngineSource firstFails = (peer) -> {
			if (engines.getAndIncrement() == 0) {
				throw new IllegalStateException("No engine for the first connection");
			}
			return working.createEngine(peer);
		};
		// The test server's own routes include /echo.
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setSslEngineSource(firstFails))) {
			try (RawWsClient refused = RawWsClient.connect(server.port())) {
				assertThat(refused.readUntilEnd()).isEmpty();
			}
			server.awaitNothingOpen();
			JdkWsClient served = JdkWsClient.connectTls(server.port(), "/echo", certificates.clientContext());
			assertThat(served.echo("still serving")).isEqualTo("still serving");
			served.close();
			assertThat(engines).hasValue(2);
		}
	}

}
