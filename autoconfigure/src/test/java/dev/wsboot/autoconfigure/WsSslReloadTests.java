package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import dev.wsboot.autoconfigure.actuate.WsMetricsAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.ssl.SslBundleEngineSource;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.SslInfo;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PEM bundle with {@code reload-on-update}: swapping its files gives new connections the
 * new certificate while a session already open keeps its own; a certificate that does not
 * go with the key is refused, the previous one kept, and both outcomes are logged and
 * counted. Spring Boot's SSL health indicator and certificate-expiry metrics cover the
 * bundle, as they cover a web server's.
 */
@ExtendWith(OutputCaptureExtension.class)
class WsSslReloadTests {

	@TempDir
	Path issuing;

	@TempDir
	Path live;

	private TestCertificates certificates;

	private BigInteger firstSerial;

	@BeforeEach
	void certificates() {
		this.certificates = TestCertificates.create(this.issuing);
		this.firstSerial = TestCertificates.certificate(this.certificates.serverCertificate()).getSerialNumber();
		copy(this.certificates.serverKey(), "server.key");
		copy(this.certificates.serverCertificate(), "server.crt");
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, WsAutoConfiguration.class,
					MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					SslMetricsAutoConfiguration.class, SslHealthContributorAutoConfiguration.class,
					WsMetricsAutoConfiguration.class))
			.withInitializer(new WsServerPortInfoApplicationContextInitializer())
			.withUserConfiguration(EchoEndpoint.class)
			.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s", "ws.ssl.enabled=true", "ws.ssl.bundle=ws",
					"spring.ssl.bundle.pem.ws.keystore.certificate=" + this.live.resolve("server.crt"),
					"spring.ssl.bundle.pem.ws.keystore.private-key=" + this.live.resolve("server.key"),
					"spring.ssl.bundle.pem.ws.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=200ms");
	}

	@Test
	void newConnectionsGetARenewedCertificateWhileOpenSessionsKeepTheirs(CapturedOutput output) {
		contextRunner().run((context) -> {
			int port = LocalPort.of(context);
			SslBundleEngineSource source = context.getBean(SslBundleEngineSource.class);
			try (RawWsClient before = RawWsClient.openTls(port, "/echo", this.certificates.clientContext())) {
				assertThat(serial(before)).isEqualTo(this.firstSerial);

				BigInteger renewed = this.certificates.issueServerCertificate("renewed");
				copy(this.issuing.resolve("renewed.key"), "server.key");
				copy(this.issuing.resolve("renewed.crt"), "server.crt");
				TestWsServer.eventually().until(() -> source.reloads() == 1);

				try (RawWsClient after = RawWsClient.openTls(port, "/echo", this.certificates.clientContext())) {
					assertThat(serial(after)).isEqualTo(renewed);
					after.assertEchoes("served with the renewed certificate");
				}
				before.assertEchoes("still served with the first certificate");
				assertThat(serial(before)).isEqualTo(this.firstSerial);
				assertThat(output).contains("Reloaded SSL bundle 'ws' for the WebSocket server: certificate CN=localhost, serial "
						+ renewed.toString(16) + ", valid until ");
				assertThat(source.certificateSerial()).isEqualTo(renewed.toString(16));
			}
		});
	}

	@Test
	void aCertificateThatDoesNotGoWithTheKeyIsRefusedAndTheOldOneKept(CapturedOutput output) {
		contextRunner().run((context) -> {
			int port = LocalPort.of(context);
			SslBundleEngineSource source = context.getBean(SslBundleEngineSource.class);
			this.certificates.issueServerCertificate("stranger");
			// The certificate of another key, the key left as it was.
			copy(this.issuing.resolve("stranger.crt"), "server.crt");
			TestWsServer.eventually().until(() -> source.failedReloads() == 1);

			try (RawWsClient client = RawWsClient.openTls(port, "/echo", this.certificates.clientContext())) {
				assertThat(serial(client)).isEqualTo(this.firstSerial);
				client.assertEchoes("served with the certificate that goes with the key");
			}
			assertThat(source.reloads()).isZero();
			assertThat(output).contains("ERROR").contains("SSL bundle 'ws' was updated but cannot be used");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ws.server.tls.reloads").tag("outcome", "failure").functionCounter().count())
				.isEqualTo(1);
			assertThat(registry.get("ws.server.tls.reloads").tag("outcome", "success").functionCounter().count())
				.isZero();
		});
	}

	@Test
	void springBootsSslHealthAndExpiryMetricsCoverTheBundle() {
		contextRunner().run((context) -> {
			assertThat(context.getBean(SslInfo.class).getBundles()).extracting(SslInfo.BundleInfo::getName)
				.contains("ws");
			assertThat(context.getBean(SslHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("ssl.chain.expiry").tag("bundle", "ws").gauges()).isNotEmpty();
		});
	}

	private static BigInteger serial(RawWsClient client) {
		try {
			SSLSocket socket = (SSLSocket) client.socket();
			return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
		}
		catch (SSLPeerUnverifiedException ex) {
			throw new AssertionError(ex);
		}
	}

	private void copy(Path from, String to) {
		try {
			Path staged = this.live.resolve(to + ".new");
			Files.copy(from, staged, StandardCopyOption.REPLACE_EXISTING);
			Files.move(staged, this.live.resolve(to), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
