package dev.wsboot.autoconfigure;

import java.time.Duration;

import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsServerCustomizer;

import org.springframework.boot.context.properties.bind.Binder;
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
		factory.setPort(properties.getPort());
		factory.setLimits(new WebSocketLimits(bytes(properties.getMaxFrameSize()), bytes(properties.getMaxMessageSize())));
		factory.setHandshakeLimits(new HandshakeLimits(bytes(handshake.getMaxRequestLineLength()),
				bytes(handshake.getMaxHeaderSize()), handshake.getMaxHeaders()));
		factory.setIoThreads(properties.getIoThreads());
		factory.setHandshakeTimeout(properties.getHandshakeTimeout());
		factory.setIdleTimeout(properties.getIdleTimeout());
		factory.setPingInterval(properties.getPingInterval());
		factory.setCloseTimeout(properties.getCloseTimeout());
		Duration shutdownTimeout = properties.getShutdownTimeout();
		factory.setShutdownTimeout((shutdownTimeout != null) ? shutdownTimeout : lifecycleShutdownTimeout());
		factory.setMaxConnections(properties.getMaxConnections());
		factory.setMaxOutboundBuffer(bytes(properties.getMaxOutboundBuffer()));
	}

	private Duration lifecycleShutdownTimeout() {
		return Binder.get(this.environment)
			.bind(LIFECYCLE_TIMEOUT_PROPERTY, Duration.class)
			.orElse(DEFAULT_SHUTDOWN_TIMEOUT);
	}

	/** {@link WsProperties} keeps sizes within an {@code int}. */
	private static int bytes(DataSize size) {
		return Math.toIntExact(size.toBytes());
	}

}
