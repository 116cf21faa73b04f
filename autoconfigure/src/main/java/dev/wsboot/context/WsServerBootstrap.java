package dev.wsboot.context;

import java.util.List;

import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsServerFactory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Creates a {@link WsServer} through a {@link WsServerFactory} and starts and stops it with
 * the application context, publishing a {@link WsServerInitializedEvent} once it listens.
 *
 * <p>The server is created, paused, in the constructor, so that beans such as its session
 * registry exist before it starts. It runs in phase {@value #PHASE}, the phase of Spring
 * Boot's graceful web server shutdown: it starts after the beans of the default phase and
 * the embedded web server, so that endpoints find their collaborators running, and stops
 * before them, so that sessions close while those collaborators still work. Stopping
 * closes every session with 1001 and waits for their replies in the background, in
 * parallel with the web server's own graceful shutdown.
 */
public class WsServerBootstrap implements ApplicationEventPublisherAware, SmartLifecycle {

	/** The lifecycle phase: {@code SmartLifecycle.DEFAULT_PHASE - 1024}. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Logger logger = LoggerFactory.getLogger(WsServerBootstrap.class);

	private final WsServer server;

	private @Nullable ApplicationEventPublisher eventPublisher;

	/** Creates the server for {@code routes}; it starts with the application context. */
	public WsServerBootstrap(WsServerFactory serverFactory, List<WsRoute> routes) {
		Assert.notNull(serverFactory, "'serverFactory' must not be null");
		Assert.notNull(routes, "'routes' must not be null");
		this.server = serverFactory.create(routes);
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	/** The server, paused until the context starts it. */
	public WsServer getServer() {
		return this.server;
	}

	@Override
	public void start() {
		logger.debug("Starting WebSocket server");
		this.server.start();
		if (this.eventPublisher != null) {
			this.eventPublisher.publishEvent(new WsServerInitializedEvent(this.server));
		}
	}

	@Override
	public void stop() {
		logger.debug("Stopping WebSocket server");
		this.server.stop();
	}

	@Override
	public void stop(Runnable callback) {
		Thread shutdown = new Thread(() -> {
			try {
				stop();
			}
			catch (RuntimeException ex) {
				logger.warn("WebSocket server did not stop cleanly", ex);
			}
			finally {
				callback.run();
			}
		}, "ws-shutdown");
		shutdown.start();
	}

	@Override
	public boolean isRunning() {
		return this.server.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
