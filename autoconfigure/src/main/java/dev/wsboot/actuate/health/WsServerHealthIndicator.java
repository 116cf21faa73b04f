package dev.wsboot.actuate.health;

import java.util.List;

import dev.wsboot.server.WsServer;
import dev.wsboot.server.nio.NioWsServer;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the WebSocket server: UP while it listens, DOWN otherwise, with its port, open
 * sessions and endpoint paths as details.
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
		if (this.server.isRunning()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("port", this.server.port())
			.withDetail("activeSessions", this.server.sessions().count())
			.withDetail("endpoints", this.paths);
		if (this.server instanceof NioWsServer nio) {
			builder.withDetail("openConnections", nio.connectionCount());
		}
	}

}
