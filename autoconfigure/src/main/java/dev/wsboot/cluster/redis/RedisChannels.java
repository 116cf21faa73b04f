package dev.wsboot.cluster.redis;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The names of the cluster's channels and keys, all under one prefix so that several
 * applications can share a Redis:
 * <ul>
 * <li>{@code <prefix>:t:<topic>}, a channel per topic;</li>
 * <li>{@code <prefix>:n:<node>}, a channel per node, for messages to its sessions;</li>
 * <li>{@code <prefix>:u}, the channel of messages to users;</li>
 * <li>{@code <prefix>:node:<node>}, a node's heartbeat key, which expires;</li>
 * <li>{@code <prefix>:presence:<node>}, the set of a node's users, which expires with it.</li>
 * </ul>
 */
final class RedisChannels {

	private final String prefix;

	private final String topicPrefix;

	RedisChannels(String prefix) {
		this.prefix = prefix;
		this.topicPrefix = prefix + ":t:";
	}

	byte[] topic(String topic) {
		return bytes(this.topicPrefix + topic);
	}

	/** The topic of a channel, or {@code null} for a channel of another kind. */
	@Nullable String topicOf(byte[] channel) {
		String name = new String(channel, StandardCharsets.UTF_8);
		return name.startsWith(this.topicPrefix) ? name.substring(this.topicPrefix.length()) : null;
	}

	byte[] node(String nodeId) {
		return bytes(this.prefix + ":n:" + nodeId);
	}

	byte[] users() {
		return bytes(this.prefix + ":u");
	}

	byte[] nodeKey(String nodeId) {
		return bytes(nodeKeyPrefix() + nodeId);
	}

	String nodeKeyPrefix() {
		return this.prefix + ":node:";
	}

	byte[] presenceKey(String nodeId) {
		return bytes(this.prefix + ":presence:" + nodeId);
	}

	static byte[] bytes(String name) {
		return name.getBytes(StandardCharsets.UTF_8);
	}

}
