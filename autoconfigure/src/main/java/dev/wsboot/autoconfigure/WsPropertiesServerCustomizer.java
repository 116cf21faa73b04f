package dev.wsboot.autoconfigure;

import java.time.Duration;

import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsServerCustomizer;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Applies the {@link WsProperties} to a server factory, before the application's own
 * {@link WsServerCustomizer customizers}.
 */
class WsPropertiesServerCustomizer implements WsServerCustomizer {

	private static final String LIFECYCLE_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

	/** Spring's own default for {@value #LIFECYCLE_TIMEOUT_PROPERTY}. */
	private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/** Control frames carry up to 125 bytes, so no smaller frame limit lets a ping through. */
	private static final long MIN_FRAME_SIZE = 125;

	private final WsProperties properties;

	private final Environment environment;

	WsPropertiesServerCustomizer(WsProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void customize(ConfigurableWsServerFactory factory) {
		WsProperties properties = this.properties;
		WsProperties.Handshake handshake = properties.getHandshake();
		factory.setAddress(properties.getAddress());
		factory.setPort(port(properties.getPort()));
		factory.setLimits(new WebSocketLimits(bytes("ws.max-frame-size", properties.getMaxFrameSize(), MIN_FRAME_SIZE),
				bytes("ws.max-message-size", properties.getMaxMessageSize(), 1)));
		factory.setHandshakeLimits(new HandshakeLimits(
				bytes("ws.handshake.max-request-line-length", handshake.getMaxRequestLineLength(), 1),
				bytes("ws.handshake.max-header-size", handshake.getMaxHeaderSize(), 1),
				atLeastOne("ws.handshake.max-headers", handshake.getMaxHeaders())));
		factory.setIoThreads(atLeastOne("ws.io-threads", properties.getIoThreads()));
		factory.setHandshakeTimeout(properties.getHandshakeTimeout());
		factory.setIdleTimeout(properties.getIdleTimeout());
		factory.setPingInterval(properties.getPingInterval());
		factory.setCloseTimeout(properties.getCloseTimeout());
		Duration shutdownTimeout = properties.getShutdownTimeout();
		factory.setShutdownTimeout((shutdownTimeout != null) ? shutdownTimeout : lifecycleShutdownTimeout());
		factory.setMaxConnections(atLeastOne("ws.max-connections", properties.getMaxConnections()));
		factory.setMaxOutboundBuffer(bytes("ws.max-outbound-buffer", properties.getMaxOutboundBuffer(), 1));
	}

	private Duration lifecycleShutdownTimeout() {
		return Binder.get(this.environment)
			.bind(LIFECYCLE_TIMEOUT_PROPERTY, Duration.class)
			.orElse(DEFAULT_SHUTDOWN_TIMEOUT);
	}

	private static int bytes(String name, DataSize size, long min) {
		long bytes = size.toBytes();
		if (bytes < min || bytes > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(name, size,
					"Must be between " + min + "B and " + Integer.MAX_VALUE + "B.");
		}
		return (int) bytes;
	}

	private static int port(int port) {
		if (port < 0 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException("ws.port", port, "Must be between 0 and 65535.");
		}
		return port;
	}

	private static int atLeastOne(String name, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be at least 1.");
		}
		return value;
	}

}
