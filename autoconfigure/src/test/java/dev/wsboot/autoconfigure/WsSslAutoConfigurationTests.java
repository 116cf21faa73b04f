package dev.wsboot.autoconfigure;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;

import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;
import dev.wsboot.ssl.JdkWsSslEngineFactory;
import dev.wsboot.ssl.SslBundleEngineSource;
import dev.wsboot.ssl.WsSslEngineFactory;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code ws.ssl.*}: the server speaks TLS with a Spring Boot SSL bundle, PEM or a key
 * store, asks clients for certificates when told to, uses an application's engine factory,
 * and explains a bundle name that does not exist.
 */
class WsSslAutoConfigurationTests {

	@TempDir
	static Path dir;

	private static TestCertificates certificates;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withUserConfiguration(PeerEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@BeforeAll
	static void certificates() {
		certificates = TestCertificates.create(dir);
		certificates.openssl("pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-name", "server",
				"-out", "server.p12", "-passout", "pass:secret");
	}

	private ApplicationContextRunner withPemBundle(String name) {
		return this.contextRunner.withPropertyValues(
				"spring.ssl.bundle.pem." + name + ".keystore.certificate=" + certificates.serverCertificate(),
				"spring.ssl.bundle.pem." + name + ".keystore.private-key=" + certificates.serverKey(),
				"spring.ssl.bundle.pem." + name + ".truststore.certificate=" + certificates.caCertificate());
	}

	@Test
	void servesWssWithAPemBundle() {
		withPemBundle("ws").withPropertyValues("ws.ssl.enabled=true", "ws.ssl.bundle=ws").run((context) -> {
			assertThat(context).hasSingleBean(SslBundleEngineSource.class).hasSingleBean(JdkWsSslEngineFactory.class);
			JdkWsClient client = JdkWsClient.connectTls(LocalPort.of(context), "/peer", certificates.clientContext());
			assertThat(client.echo("peer")).isEqualTo("secure, no client certificate");
			client.close();
		});
	}

	@Test
	void servesWssWithAKeyStoreBundle() {
		this.contextRunner
			.withPropertyValues("spring.ssl.bundle.jks.store.keystore.location=" + dir.resolve("server.p12"),
					"spring.ssl.bundle.jks.store.keystore.password=secret",
					"spring.ssl.bundle.jks.store.keystore.type=PKCS12", "ws.ssl.enabled=true", "ws.ssl.bundle=store")
			.run((context) -> {
				JdkWsClient client = JdkWsClient.connectTls(LocalPort.of(context), "/peer",
						certificates.clientContext());
				assertThat(client.echo("peer")).isEqualTo("secure, no client certificate");
				client.close();
			});
	}

	@Test
	void takesProtocolsFromTheBundlesOptions() {
		withPemBundle("ws")
			.withPropertyValues("spring.ssl.bundle.pem.ws.options.enabled-protocols=TLSv1.2", "ws.ssl.enabled=true",
					"ws.ssl.bundle=ws")
			.run((context) -> {
				SSLEngine engine = context.getBean(SslBundleEngineSource.class).createEngine(null);
				assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.2");
				assertThat(engine.getUseClientMode()).isFalse();
			});
	}

	@Test
	void servesPlainWsWhenSslIsNotEnabled() {
		withPemBundle("ws").withPropertyValues("ws.ssl.bundle=ws").run((context) -> {
			assertThat(context).doesNotHaveBean(SslBundleEngineSource.class);
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/peer");
			assertThat(client.echo("peer")).isEqualTo("plain");
			client.close();
		});
	}

	@Test
	void clientAuthNeedAdmitsAClientWithACertificateAndPutsItOnTheSession() {
		withPemBundle("ws").withPropertyValues("ws.ssl.enabled=true", "ws.ssl.bundle=ws", "ws.ssl.client-auth=need")
			.run((context) -> {
				JdkWsClient client = JdkWsClient.connectTls(LocalPort.of(context), "/peer",
						certificates.clientContextWithCertificate());
				assertThat(client.echo("peer")).isEqualTo("CN=wsboot test client");
				client.close();
			});
	}

	@Test
	void clientAuthNeedRefusesAClientWithoutACertificate() {
		withPemBundle("ws").withPropertyValues("ws.ssl.enabled=true", "ws.ssl.bundle=ws", "ws.ssl.client-auth=need")
			.run((context) -> assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> JdkWsClient.connectTls(LocalPort.of(context), "/peer", certificates.clientContext())));
	}

	@Test
	void clientAuthWantAdmitsBoth() {
		withPemBundle("ws").withPropertyValues("ws.ssl.enabled=true", "ws.ssl.bundle=ws", "ws.ssl.client-auth=want")
			.run((context) -> {
				JdkWsClient with = JdkWsClient.connectTls(LocalPort.of(context), "/peer",
						certificates.clientContextWithCertificate());
				assertThat(with.echo("peer")).isEqualTo("CN=wsboot test client");
				JdkWsClient without = JdkWsClient.connectTls(LocalPort.of(context), "/peer",
						certificates.clientContext());
				assertThat(without.echo("peer")).isEqualTo("secure, no client certificate");
				with.close();
				without.close();
			});
	}

	@Test
	void usesTheApplicationsEngineFactory() {
		withPemBundle("ws").withPropertyValues("ws.ssl.enabled=true", "ws.ssl.bundle=ws")
			.withUserConfiguration(RecordingEngineFactoryConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(JdkWsSslEngineFactory.class);
				RecordingEngineFactory factory = context.getBean(RecordingEngineFactory.class);
				JdkWsClient client = JdkWsClient.connectTls(LocalPort.of(context), "/peer",
						certificates.clientContext());
				assertThat(client.echo("peer")).isEqualTo("secure, no client certificate");
				client.close();
				assertThat(factory.bundles).hasSize(1);
				assertThat(factory.engines).hasSize(1);
				TestWsServer.eventually().until(() -> factory.released.size() == 1);
				assertThat(factory.released).containsExactlyElementsOf(factory.engines);
			});
	}

	@Test
	void failsOnABundleThatDoesNotExistListingThoseThatDo() {
		withPemBundle("server").withPropertyValues("ws.ssl.enabled=true", "ws.ssl.bundle=missing").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).isEqualTo("WebSocket server failed to start. The SSL bundle "
					+ "'missing' named by 'ws.ssl.bundle' does not exist. The SSL bundles that exist are: server.");
			assertThat(analysis.getAction()).contains("'spring.ssl.bundle.pem.missing'");
		});
	}

	@Test
	void failsWhenEnabledWithoutABundle() {
		this.contextRunner.withPropertyValues("ws.ssl.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).isEqualTo("WebSocket server failed to start. 'ws.ssl.enabled' is "
					+ "true but 'ws.ssl.bundle' is not set. The application has no SSL bundle.");
		});
	}

	private static @Nullable FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver environment = ArgumentResolver.of(Environment.class, new StandardEnvironment());
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, environment, (factoryType, factoryName, ex) -> {
			})) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		return null;
	}

	/** Answers "peer" with the subject of the client's certificate, or what the session lacks. */
	@WsEndpoint("/peer")
	static class PeerEndpoint {

		@OnMessage
		String peer(WsSession session, String text) {
			if (!session.isSecure()) {
				return "plain";
			}
			try {
				return ((X509Certificate) session.sslSession().getPeerCertificates()[0]).getSubjectX500Principal()
					.getName();
			}
			catch (SSLPeerUnverifiedException ex) {
				return "secure, no client certificate";
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingEngineFactoryConfiguration {

		@Bean
		RecordingEngineFactory recordingEngineFactory() {
			return new RecordingEngineFactory();
		}

	}

	/** The JDK's engines, with a record of what it was asked. */
	static class RecordingEngineFactory implements WsSslEngineFactory {

		final List<SslBundle> bundles = new CopyOnWriteArrayList<>();

		final List<SSLEngine> engines = new CopyOnWriteArrayList<>();

		final List<SSLEngine> released = new CopyOnWriteArrayList<>();

		@Override
		public SslEngineSource create(SslBundle bundle, ClientAuth clientAuth) {
			this.bundles.add(bundle);
			SslEngineSource jdk = new JdkWsSslEngineFactory().create(bundle, clientAuth);
			return new SslEngineSource() {

				@Override
				public SSLEngine createEngine(@Nullable InetSocketAddress peer) {
					SSLEngine engine = jdk.createEngine(peer);
					RecordingEngineFactory.this.engines.add(engine);
					return engine;
				}

				@Override
				public void release(SSLEngine engine) {
					RecordingEngineFactory.this.released.add(engine);
				}

			};
		}

	}

}
