package dev.wsboot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static WsProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ws", WsProperties.class);
	}

}
