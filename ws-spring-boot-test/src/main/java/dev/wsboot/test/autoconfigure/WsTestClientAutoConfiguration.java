package dev.wsboot.test.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.WsMessageCodec;
import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.topic.PublishRecordingPostProcessor;
import dev.wsboot.test.topic.WsPublishes;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the test kit in a test's application context that runs the WebSocket
 * server: a {@link WsTestClient} pointed at the port the server listens on
 * ({@code local.ws.server.port}) and speaking JSON with the application's {@code JsonMapper},
 * the server's activity for the client's waits, and the {@link WsPublishes} recorded from
 * the {@code WsTopics} bean. Each wait lasts {@code ws.test.timeout}, 5 seconds by default.
 * When the server speaks TLS ({@code ws.ssl.enabled}), the client connects with
 * {@code wss:} and trusts the certificates of the server's SSL bundle.
 *
 * <p>Applied to {@code @SpringBootTest} tests by being on the test class path, the kit being
 * a test-scoped dependency, and imported by {@link WsEndpointTest @WsEndpointTest}.
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBean(WsServerBootstrap.class)
public final class WsTestClientAutoConfiguration {

	/** The property holding how long each wait of the test kit lasts. */
	public static final String TIMEOUT_PROPERTY = "ws.test.timeout";

	@Bean
	WsServerActivityObserver wsTestServerActivity() {
		return new WsServerActivityObserver();
	}

	@Bean
	@ConditionalOnMissingBean
	WsTestClient wsTestClient(Environment environment, WsServerActivityObserver serverActivity,
			ObjectProvider<SslBundles> sslBundles) {
		return client(environment, serverActivity, null, sslBundles);
	}

	@Bean
	@ConditionalOnMissingBean
	WsPublishes wsPublishes(Environment environment, ObjectProvider<WsTestClient> client) {
		return new WsPublishes(timeout(environment), () -> client.ifAvailable(WsTestClient::settle));
	}

	@Bean
	static PublishRecordingPostProcessor wsPublishRecorder(ObjectProvider<WsPublishes> publishes) {
		return new PublishRecordingPostProcessor(publishes::getObject);
	}

	static WsTestClient client(Environment environment, WsServerActivityObserver serverActivity,
			@Nullable WsMessageCodec codec, ObjectProvider<SslBundles> sslBundles) {
		Binder binder = Binder.get(environment);
		boolean secure = binder.bind("ws.ssl.enabled", Boolean.class).orElse(false);
		WsTestClient.Builder builder = WsTestClient.builder()
			.baseUri(baseUri(environment, secure ? "wss" : "ws"))
			.timeout(timeout(environment))
			.serverActivity(serverActivity);
		if (codec != null) {
			builder.jsonCodec(codec);
		}
		String bundle = binder.bind("ws.ssl.bundle", String.class).orElse(null);
		SslBundles bundles = sslBundles.getIfAvailable();
		if (secure && bundle != null && bundles != null) {
			// The client trusts the certificate the server presents, and nothing else.
			builder.sslContext(ServerCertificateTrust.sslContext(bundles.getBundle(bundle)));
		}
		return builder.build();
	}

	/** The server's port is known once it started: read when a session opens. */
	private static Supplier<URI> baseUri(Environment environment, String scheme) {
		return () -> {
			Integer port = environment.getProperty(WsServerPortInfoApplicationContextInitializer.PROPERTY_NAME,
					Integer.class);
			if (port == null) {
				throw new IllegalStateException("The WebSocket server's port is not known: no "
						+ WsServerPortInfoApplicationContextInitializer.PROPERTY_NAME
						+ " property, so the server has not started");
			}
			return URI.create(scheme + "://" + host(environment) + ":" + port);
		};
	}

	/** The address the server binds to, unless it binds to every interface. */
	private static String host(Environment environment) {
		InetAddress address = Binder.get(environment).bind("ws.address", InetAddress.class).orElse(null);
		if (address == null || address.isAnyLocalAddress()) {
			return "localhost";
		}
		String host = address.getHostAddress();
		return (host.indexOf(':') >= 0) ? "[" + host + "]" : host;
	}

	private static Duration timeout(Environment environment) {
		return Binder.get(environment).bind(TIMEOUT_PROPERTY, Duration.class).orElse(WsTestClient.DEFAULT_TIMEOUT);
	}

	/**
	 * The client speaks JSON as the server does: with the server's JSON codec, made from the
	 * application's {@code JsonMapper}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class JsonConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WsTestClient wsTestClient(Environment environment, WsServerActivityObserver serverActivity,
				ObjectProvider<JacksonMessageCodec> codec, ObjectProvider<JsonMapper> jsonMapper,
				ObjectProvider<SslBundles> sslBundles) {
			WsMessageCodec json = codec.getIfAvailable(() -> {
				JsonMapper mapper = jsonMapper.getIfAvailable();
				return (mapper != null) ? new JacksonMessageCodec(mapper) : null;
			});
			return client(environment, serverActivity, json, sslBundles);
		}

	}

}
