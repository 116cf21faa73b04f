package dev.wsboot.cluster.redis;

import java.time.Duration;

/**
 * How a node takes part in the cluster.
 *
 * @param nodeId this node's id, unique in the cluster
 * @param channelPrefix the prefix of every channel and key, see {@link RedisChannels}
 * @param viaBroker whether this node's subscribers receive what is published here from Redis,
 * in the one order every node sees, rather than directly
 * @param unsubscribeDelay how long a topic's channel stays subscribed after its last local
 * subscriber left, so that churn does not hammer Redis
 * @param nodeTtl how long a node's heartbeat, and its users, outlive its last refresh
 * @param heartbeat how often the heartbeat is refreshed; well under {@code nodeTtl}
 * @param failureLogInterval how often a failure that repeats is logged
 */
public record RedisClusterSettings(String nodeId, String channelPrefix, boolean viaBroker, Duration unsubscribeDelay,
		Duration nodeTtl, Duration heartbeat, Duration failureLogInterval) {

	public RedisClusterSettings {
		if (nodeId.isEmpty() || nodeId.indexOf('/') >= 0) {
			throw new IllegalArgumentException("A node id must be non-empty and without '/', was '" + nodeId + "'");
		}
		if (heartbeat.compareTo(nodeTtl) >= 0) {
			throw new IllegalArgumentException("The heartbeat (" + heartbeat + ") must be shorter than the node TTL ("
					+ nodeTtl + ")");
		}
	}

}
