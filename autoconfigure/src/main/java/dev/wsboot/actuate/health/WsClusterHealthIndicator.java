package dev.wsboot.actuate.health;

import dev.wsboot.cluster.WsClusterStatistics;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of this node's link to the cluster: UP while it can publish to the broker and
 * receive from it, DOWN while it cannot, when publishes reach this node's subscribers only;
 * with the node's id, subscriptions, reconnects, publish failures and gaps as details.
 */
public class WsClusterHealthIndicator extends AbstractHealthIndicator {

	private final WsClusterStatistics cluster;

	public WsClusterHealthIndicator(WsClusterStatistics cluster) {
		super("WebSocket cluster health check failed");
		this.cluster = cluster;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		(this.cluster.isConnected() ? builder.up() : builder.down())
			.withDetail("node", this.cluster.nodeId())
			.withDetail("subscriptions", this.cluster.subscriptions())
			.withDetail("reconnects", this.cluster.reconnects())
			.withDetail("publishFailures", this.cluster.failures())
			.withDetail("gaps", this.cluster.gaps());
	}

}
