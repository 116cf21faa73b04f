package dev.wsboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the configuration metadata the annotation processor generates from
 * {@link WsProperties} and {@link WsTopicsProperties}: every {@code ws.*} property is there,
 * with a description, and the hand-written metadata of the health indicator's switch.
 */
class ConfigurationMetadataTests {

	@Test
	void describesEveryProperty() throws IOException {
		List<Map<String, Object>> properties = read("$.properties[?(@.name =~ /ws\\..*/)]");
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrder("ws.enabled", "ws.port", "ws.address", "ws.path", "ws.max-frame-size",
					"ws.max-message-size", "ws.handshake-timeout", "ws.idle-timeout", "ws.ping-interval",
					"ws.close-timeout", "ws.shutdown-timeout", "ws.max-connections", "ws.max-outbound-buffer",
					"ws.allowed-origins", "ws.io-threads", "ws.handshake.max-request-line-length",
					"ws.handshake.max-header-size", "ws.handshake.max-headers", "ws.executor.max-threads",
					"ws.executor.queue-capacity", "ws.executor.keep-alive", "ws.topics.slow-subscriber",
					"ws.topics.max-buffered", "ws.topics.policies", "ws.ssl.enabled", "ws.ssl.bundle",
					"ws.ssl.client-auth", "ws.max-connections-per-address", "ws.handshake.max-rate-per-address",
					"ws.max-message-rate", "ws.max-message-burst", "ws.forwarded.trusted-proxies",
					"ws.security.enabled", "ws.security.token-query-parameter", "ws.cluster.enabled",
					"ws.cluster.node-id", "ws.cluster.channel-prefix", "ws.cluster.local-delivery",
					"ws.cluster.unsubscribe-delay", "ws.cluster.node-ttl", "ws.cluster.heartbeat",
					"ws.cluster.failure-log-interval");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank()
			.endsWith(".")
			.doesNotStartWith("The ")
			.doesNotStartWith("A "));
	}

	@Test
	void describesTheHealthIndicatorSwitch() throws IOException {
		List<Map<String, Object>> properties = read("$.properties[?(@.name == 'management.health.ws.enabled')]");
		assertThat(properties).singleElement().satisfies((property) -> {
			assertThat(property).containsEntry("type", "java.lang.Boolean").containsEntry("defaultValue", true);
			assertThat((String) property.get("description")).isNotBlank();
		});
	}

	@Test
	void recordsDefaultsOfSizesAndDurations() throws IOException {
		assertThat(read("$.properties[?(@.name == 'ws.max-frame-size')].defaultValue")).containsExactly("1MB");
		assertThat(read("$.properties[?(@.name == 'ws.handshake-timeout')].defaultValue")).containsExactly("10s");
		assertThat(read("$.properties[?(@.name == 'ws.port')].defaultValue")).containsExactly(8081);
		assertThat(read("$.properties[?(@.name == 'ws.topics.max-buffered')].defaultValue")).containsExactly("1MB");
		assertThat(read("$.properties[?(@.name == 'ws.topics.slow-subscriber')].defaultValue"))
			.containsExactly("close");
		assertThat(read("$.properties[?(@.name == 'ws.cluster.unsubscribe-delay')].defaultValue"))
			.containsExactly("5s");
		assertThat(read("$.properties[?(@.name == 'ws.cluster.local-delivery')].defaultValue"))
			.containsExactly("direct");
	}

	private static <T> List<T> read(String path) throws IOException {
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonPath.read(json, path);
		}
	}

}
