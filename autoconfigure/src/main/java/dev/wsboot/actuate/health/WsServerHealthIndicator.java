package dev.wsboot.actuate.health;

import java.util.List;

import dev.wsboot.server.WsServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the WebSocket server: UP while it listens, with its port, open sessions, open
 * connections and endpoint paths as details; DOWN otherwise.
 */
public class WsServerHealthIndicator extends AbstractHealthIndicator {

	private final WsServer server;

	private final List<String> paths;

	public WsServerHealthIndicator(WsServer server, List<String> paths) {
		super("WebSocket server health check failed");
		this.server = server;
		this.paths = List.copyOf(paths);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!this.server.isRunning()) {
			// No port: a stopped server listens on none.
			builder.down().withDetail("activeSessions", this.server.sessions().count()).withDetail("endpoints", this.paths);
			return;
		}
		builder.up()
			.withDetail("port", this.server.port())
			.withDetail("activeSessions", this.server.sessions().count())
			.withDetail("openConnections", this.server.connectionCount())
			.withDetail("endpoints", this.paths);
	}

}
