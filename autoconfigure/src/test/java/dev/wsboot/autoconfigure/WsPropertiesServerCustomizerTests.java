package dev.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.forwarded.TrustedProxies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WsPropertiesServerCustomizer}: how {@code ws.*} values reach the factory.
 */
class WsPropertiesServerCustomizerTests {

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void appliesDefaults() {
		RecordingWsServerFactory factory = customize(Map.of());
		assertThat(factory.address).isNull();
		assertThat(factory.port).isEqualTo(8081);
		assertThat(factory.limits).isEqualTo(new WebSocketLimits(1024 * 1024, 1024 * 1024));
		assertThat(factory.handshakeLimits).isEqualTo(new HandshakeLimits(8192, 16384, 100));
		assertThat(factory.ioThreads).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(factory.handshakeTimeout).isEqualTo(Duration.ofSeconds(10));
		assertThat(factory.idleTimeout).isEqualTo(Duration.ZERO);
		assertThat(factory.pingInterval).isEqualTo(Duration.ZERO);
		assertThat(factory.closeTimeout).isEqualTo(Duration.ofSeconds(5));
		assertThat(factory.shutdownTimeout).isEqualTo(Duration.ofSeconds(27));
		assertThat(factory.maxConnections).isEqualTo(10000);
		assertThat(factory.maxOutboundBuffer).isEqualTo(4 * 1024 * 1024);
		assertThat(factory.abuseLimits).isEqualTo(AbuseLimits.NONE);
		assertThat(factory.trustedProxies).isSameAs(TrustedProxies.NONE);
	}

	@Test
	void appliesAbuseLimitsAndTrustedProxies() throws Exception {
		RecordingWsServerFactory factory = customize(Map.of("ws.max-connections-per-address", "20",
				"ws.handshake.max-rate-per-address", "5", "ws.max-message-rate", "50", "ws.max-message-burst", "100",
				"ws.forwarded.trusted-proxies", "10.0.0.0/8, ::1"));
		assertThat(factory.abuseLimits).isEqualTo(new AbuseLimits(20, 5, 50, 100));
		assertThat(factory.trustedProxies.isTrusted(InetAddress.getByName("10.9.8.7"))).isTrue();
		assertThat(factory.trustedProxies.isTrusted(InetAddress.getByName("::1"))).isTrue();
		assertThat(factory.trustedProxies.isTrusted(InetAddress.getByName("192.0.2.1"))).isFalse();
	}

	@Test
	void refusesATrustedProxyThatIsNotAnAddressNamingTheProperty() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> customize(Map.of("ws.forwarded.trusted-proxies", "proxy.example.com")))
			.withMessageContaining("ws.forwarded.trusted-proxies")
			.withMessageContaining("neither an IP address nor a CIDR block");
	}

	@Test
	void appliesConfiguredValues() throws Exception {
		RecordingWsServerFactory factory = customize(Map.ofEntries(Map.entry("ws.address", "127.0.0.1"),
				Map.entry("ws.port", "9000"), Map.entry("ws.max-frame-size", "64KB"),
				Map.entry("ws.max-message-size", "2MB"), Map.entry("ws.handshake.max-request-line-length", "4KB"),
				Map.entry("ws.handshake.max-header-size", "32KB"), Map.entry("ws.handshake.max-headers", "50"),
				Map.entry("ws.io-threads", "3"), Map.entry("ws.handshake-timeout", "3s"),
				Map.entry("ws.idle-timeout", "5m"), Map.entry("ws.ping-interval", "30s"),
				Map.entry("ws.close-timeout", "1500ms"), Map.entry("ws.shutdown-timeout", "20s"),
				Map.entry("ws.max-connections", "500"), Map.entry("ws.max-outbound-buffer", "256KB")));
		assertThat(factory.address).isEqualTo(InetAddress.getByName("127.0.0.1"));
		assertThat(factory.port).isEqualTo(9000);
		assertThat(factory.limits).isEqualTo(new WebSocketLimits(64 * 1024, 2 * 1024 * 1024));
		assertThat(factory.handshakeLimits).isEqualTo(new HandshakeLimits(4096, 32768, 50));
		assertThat(factory.ioThreads).isEqualTo(3);
		assertThat(factory.handshakeTimeout).isEqualTo(Duration.ofSeconds(3));
		assertThat(factory.idleTimeout).isEqualTo(Duration.ofMinutes(5));
		assertThat(factory.pingInterval).isEqualTo(Duration.ofSeconds(30));
		assertThat(factory.closeTimeout).isEqualTo(Duration.ofMillis(1500));
		assertThat(factory.shutdownTimeout).isEqualTo(Duration.ofSeconds(20));
		assertThat(factory.maxConnections).isEqualTo(500);
		assertThat(factory.maxOutboundBuffer).isEqualTo(256 * 1024);
	}

	@ParameterizedTest(name = "phase {0}: {1}")
	@CsvSource({ "30s, 27s", "45s, 40500ms", "100s, 90s", "10s, 9s", "5s, 4s", "2s, 1s", "1s, 1s", "500ms, 1s" })
	void leavesAMarginInsideTheLifecyclePhaseTimeoutWhenNotSet(String phase, String expected) {
		RecordingWsServerFactory factory = customize(Map.of("spring.lifecycle.timeout-per-shutdown-phase", phase));
		assertThat(factory.shutdownTimeout).isEqualTo(DurationStyle.detectAndParse(expected));
	}

	private RecordingWsServerFactory customize(Map<String, Object> properties) {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		WsProperties wsProperties = Binder.get(this.environment).bindOrCreate("ws", WsProperties.class);
		RecordingWsServerFactory factory = new RecordingWsServerFactory();
		new WsPropertiesServerCustomizer(wsProperties, this.environment).customize(factory);
		return factory;
	}

}
