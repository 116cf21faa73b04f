package dev.wsboot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the cluster under {@code ws.cluster}: several instances of the
 * application sharing their topics, users and sessions through Redis, reached with
 * {@code spring.data.redis.*}.
 *
 * <pre class="code">
 * ws:
 *   cluster:
 *     enabled: true
 *     local-delivery: via-broker
 * spring:
 *   data:
 *     redis:
 *       host: redis.internal
 * </pre>
 */
@ConfigurationProperties("ws.cluster")
public class WsClusterProperties {

	/**
	 * Whether to share topics, users and sessions with the other instances through Redis.
	 * Needs spring-boot-starter-data-redis with Lettuce.
	 */
	private boolean enabled;

	/** Id of this instance in the cluster, without '/'. Default: a random UUID at each start. */
	private @Nullable String nodeId;

	/** Prefix of the Redis channels and keys of the cluster. */
	private String channelPrefix = "wsboot";

	/**
	 * How messages published on this instance reach its own subscribers: directly, the
	 * lowest latency; or through Redis, so that every instance sees one order per topic.
	 */
	private LocalDelivery localDelivery = LocalDelivery.DIRECT;

	/**
	 * How long a topic's Redis channel stays subscribed after its last subscriber on this
	 * instance left, so that subscribers coming and going do not hammer Redis.
	 */
	private Duration unsubscribeDelay = Duration.ofSeconds(5);

	/**
	 * How long an instance, and its users, stay online after its last heartbeat: an
	 * instance that dies drops out within this time.
	 */
	private Duration nodeTtl = Duration.ofSeconds(15);

	/** How often an instance refreshes its heartbeat and users; well under node-ttl. */
	private Duration heartbeat = Duration.ofSeconds(5);

	/** How often a failure that repeats, such as publishing while Redis is down, is logged. */
	private Duration failureLogInterval = Duration.ofMinutes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNodeId() {
		return this.nodeId;
	}

	public void setNodeId(@Nullable String nodeId) {
		this.nodeId = nodeId;
	}

	public String getChannelPrefix() {
		return this.channelPrefix;
	}

	public void setChannelPrefix(String channelPrefix) {
		this.channelPrefix = channelPrefix;
	}

	public LocalDelivery getLocalDelivery() {
		return this.localDelivery;
	}

	public void setLocalDelivery(LocalDelivery localDelivery) {
		this.localDelivery = localDelivery;
	}

	public Duration getUnsubscribeDelay() {
		return this.unsubscribeDelay;
	}

	public void setUnsubscribeDelay(Duration unsubscribeDelay) {
		this.unsubscribeDelay = unsubscribeDelay;
	}

	public Duration getNodeTtl() {
		return this.nodeTtl;
	}

	public void setNodeTtl(Duration nodeTtl) {
		this.nodeTtl = nodeTtl;
	}

	public Duration getHeartbeat() {
		return this.heartbeat;
	}

	public void setHeartbeat(Duration heartbeat) {
		this.heartbeat = heartbeat;
	}

	public Duration getFailureLogInterval() {
		return this.failureLogInterval;
	}

	public void setFailureLogInterval(Duration failureLogInterval) {
		this.failureLogInterval = failureLogInterval;
	}

	/** How messages published on an instance reach its own subscribers. */
	public enum LocalDelivery {

		/** At once, as on a single instance; instances may see two publishers' messages interleaved differently. */
		DIRECT,

		/** Back from Redis, like every other instance: one order per topic everywhere, a round trip later. */
		VIA_BROKER

	}

}
