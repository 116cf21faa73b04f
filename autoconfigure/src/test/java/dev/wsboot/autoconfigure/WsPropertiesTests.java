package dev.wsboot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link WsProperties}: defaults and binding.
 */
class WsPropertiesTests {

	@Test
	void hasDocumentedDefaults() {
		WsProperties properties = new WsProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getPort()).isEqualTo(8081);
		assertThat(properties.getAddress()).isNull();
		assertThat(properties.getPath()).isEqualTo("/ws");
		assertThat(properties.getMaxFrameSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getHandshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getIdleTimeout()).isZero();
		assertThat(properties.getPingInterval()).isZero();
		assertThat(properties.getCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getShutdownTimeout()).isNull();
		assertThat(properties.getMaxConnections()).isEqualTo(10000);
		assertThat(properties.getMaxOutboundBuffer()).isEqualTo(DataSize.ofMegabytes(4));
		assertThat(properties.getAllowedOrigins()).isEmpty();
		assertThat(properties.getIoThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(properties.getHandshake().getMaxRequestLineLength()).isEqualTo(DataSize.ofKilobytes(8));
		assertThat(properties.getHandshake().getMaxHeaderSize()).isEqualTo(DataSize.ofKilobytes(16));
		assertThat(properties.getHandshake().getMaxHeaders()).isEqualTo(100);
		assertThat(properties.getExecutor().getMaxThreads()).isEqualTo(200);
		assertThat(properties.getExecutor().getQueueCapacity()).isEqualTo(10000);
		assertThat(properties.getExecutor().getKeepAlive()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void bindsDataSizesDurationsAndLists() {
		WsProperties properties = bind(Map.of("ws.max-frame-size", "64KB", "ws.max-message-size", "10MB",
				"ws.idle-timeout", "2m", "ws.ping-interval", "15s", "ws.close-timeout", "250",
				"ws.allowed-origins", "https://a.example, https://b.example", "ws.handshake.max-header-size", "32KB",
				"ws.executor.keep-alive", "5s"));
		assertThat(properties.getMaxFrameSize()).isEqualTo(DataSize.ofKilobytes(64));
		assertThat(properties.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(10));
		assertThat(properties.getIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(properties.getPingInterval()).isEqualTo(Duration.ofSeconds(15));
		assertThat(properties.getCloseTimeout()).isEqualTo(Duration.ofMillis(250));
		assertThat(properties.getAllowedOrigins()).containsExactly("https://a.example", "https://b.example");
		assertThat(properties.getHandshake().getMaxHeaderSize()).isEqualTo(DataSize.ofKilobytes(32));
		assertThat(properties.getExecutor().getKeepAlive()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void bindsBytesWithoutUnit() {
		assertThat(bind(Map.of("ws.max-outbound-buffer", "1024")).getMaxOutboundBuffer())
			.isEqualTo(DataSize.ofBytes(1024));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			ws.port                               | -1     | Must be between 0 and 65535, but was -1.
			ws.port                               | 65536  | Must be between 0 and 65535, but was 65536.
			ws.max-frame-size                     | 124B   | Must be between 125B and 2147483647B, but was 124B.
			ws.max-frame-size                     | 2GB    | Must be between 125B and 2147483647B, but was 2147483648B.
			ws.max-message-size                   | 0B     | Must be between 1B and 2147483647B, but was 0B.
			ws.max-message-size                   | 3GB    | Must be between 1B and 2147483647B, but was 3221225472B.
			ws.max-outbound-buffer                | 0      | Must be between 1B and 2147483647B, but was 0B.
			ws.max-connections                    | 0      | Must be at least 1, but was 0.
			ws.io-threads                         | 0      | Must be at least 1, but was 0.
			ws.handshake-timeout                  | -1s    | Must not be negative, but was PT-1S.
			ws.idle-timeout                       | -1s    | Must not be negative, but was PT-1S.
			ws.ping-interval                      | -1ms   | Must not be negative, but was PT-0.001S.
			ws.close-timeout                      | -5s    | Must not be negative, but was PT-5S.
			ws.shutdown-timeout                   | -1s    | Must not be negative, but was PT-1S.
			ws.handshake.max-request-line-length  | 0B     | Must be between 1B and 2147483647B, but was 0B.
			ws.handshake.max-header-size          | 0B     | Must be between 1B and 2147483647B, but was 0B.
			ws.handshake.max-headers              | 0      | Must be at least 1, but was 0.
			ws.executor.max-threads               | 0      | Must be at least 1, but was 0.
			ws.executor.max-threads               | -4     | Must be at least 1, but was -4.
			ws.executor.queue-capacity            | 0      | Must be at least 1, but was 0.
			ws.executor.queue-capacity            | -1     | Must be at least 1, but was -1.
			ws.executor.keep-alive                | -1s    | Must not be negative, but was PT-1S.
			""")
	void refusesAValueOutOfRangeNamingThePropertyAndTheRange(String name, String value, String reason) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of(name, value)))
			.satisfies((ex) -> assertThat(ex.getProperty()).extracting((property) -> property.getName().toString())
				.isEqualTo(name))
			.havingRootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessage(reason);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "ws.port, 0", "ws.port, 65535", "ws.max-frame-size, 125B", "ws.max-message-size, 2147483647B",
			"ws.max-connections, 1", "ws.idle-timeout, 0s", "ws.executor.max-threads, 1",
			"ws.executor.queue-capacity, 1", "ws.executor.keep-alive, 0s", "ws.shutdown-timeout, 0s" })
	void bindsTheBoundsOfEachRange(String name, String value) {
		assertThatNoException().isThrownBy(() -> bind(Map.of(name, value)));
	}

	private static WsProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ws", WsProperties.class);
	}

}
