package dev.wsboot.cluster;

import java.time.Duration;
import java.util.Set;

import org.springframework.context.ApplicationEvent;

/**
 * This node is connected to the broker again after losing it, and subscribed again to its
 * topics: whatever was published to them elsewhere in the meantime is lost, so each may
 * have missed messages. Unlike a {@link WsClusterGapEvent}, nothing tells how many; an
 * application that can should resync its clients of these topics. Published on a thread
 * of the cluster's own.
 */
public class WsClusterReconnectedEvent extends ApplicationEvent {

	private final Set<String> topics;

	private final Duration outage;

	/**
	 * @param source the broker that reconnected
	 * @param topics the topics this node is subscribed to, each possibly lossy
	 * @param outage how long this node was cut off
	 */
	public WsClusterReconnectedEvent(Object source, Set<String> topics, Duration outage) {
		super(source);
		this.topics = Set.copyOf(topics);
		this.outage = outage;
	}

	/** The topics that may have lost messages: all of this node's. */
	public Set<String> getTopics() {
		return this.topics;
	}

	/** How long this node was cut off from the broker. */
	public Duration getOutage() {
		return this.outage;
	}

}
