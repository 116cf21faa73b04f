package dev.wsboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.ConfigurableWsServerFactory;
import dev.wsboot.server.WsServerCustomizer;
import dev.wsboot.server.forwarded.TrustedProxies;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Applies the {@link WsProperties} to a server factory, before the application's own
 * {@link WsServerCustomizer customizers}.
 */
class WsPropertiesServerCustomizer implements WsServerCustomizer {

	private static final String TRUSTED_PROXIES_PROPERTY = "ws.forwarded.trusted-proxies";

	private static final String LIFECYCLE_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

	/** Spring's own default for {@value #LIFECYCLE_TIMEOUT_PROPERTY}. */
	private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/** The least margin left in the phase, and the least shutdown timeout. */
	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

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
		factory.setShutdownTimeout((shutdownTimeout != null) ? shutdownTimeout : withinLifecyclePhase());
		factory.setMaxConnections(properties.getMaxConnections());
		factory.setMaxOutboundBuffer(bytes(properties.getMaxOutboundBuffer()));
		factory.setAbuseLimits(new AbuseLimits(properties.getMaxConnectionsPerAddress(),
				handshake.getMaxRatePerAddress(), properties.getMaxMessageRate(), properties.getMaxMessageBurst()));
		factory.setTrustedProxies(trustedProxies(properties.getForwarded().getTrustedProxies()));
	}

	private static TrustedProxies trustedProxies(List<String> entries) {
		try {
			return TrustedProxies.of(entries);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(TRUSTED_PROXIES_PROPERTY, String.join(",", entries),
					ex.getMessage());
		}
	}

	/**
	 * The phase timeout less the larger of 1 s and 10%, but at least 1 s: after waiting for
	 * sessions, the server still stops its acceptor and I/O threads and hands the last
	 * {@code @OnClose} calls over, all within the phase, or Spring gives up on it and
	 * destroys beans those calls may need.
	 */
	private Duration withinLifecyclePhase() {
		Duration phase = Binder.get(this.environment)
			.bind(LIFECYCLE_TIMEOUT_PROPERTY, Duration.class)
			.orElse(DEFAULT_PHASE_TIMEOUT);
		Duration margin = max(ONE_SECOND, phase.dividedBy(10));
		return max(ONE_SECOND, phase.minus(margin));
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/** {@link WsProperties} keeps sizes within an {@code int}. */
	private static int bytes(DataSize size) {
		return Math.toIntExact(size.toBytes());
	}

}
