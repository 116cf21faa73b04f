package dev.wsboot.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Which nodes are alive and which users are online, from keys that expire: each node
 * refreshes its heartbeat key and the set of its users, both with the node TTL, so that a
 * node that dies takes its users with it within the TTL, without a janitor.
 */
final class RedisPresence {

	private final RedisClusterSettings settings;

	private final RedisChannels channels;

	private final Supplier<Set<String>> localUsers;

	private final byte[] nodeKey;

	private final byte[] presenceKey;

	private final byte[] nextPresenceKey;

	RedisPresence(RedisClusterSettings settings, RedisChannels channels, Supplier<Set<String>> localUsers) {
		this.settings = settings;
		this.channels = channels;
		this.localUsers = localUsers;
		this.nodeKey = channels.nodeKey(settings.nodeId());
		this.presenceKey = channels.presenceKey(settings.nodeId());
		this.nextPresenceKey = channels.presenceKey(settings.nodeId() + ":next");
	}

	/** Refreshes this node's heartbeat and users. */
	void refresh(StatefulRedisConnection<byte[], byte[]> connection) {
		long ttl = this.settings.nodeTtl().toMillis();
		RedisCommands<byte[], byte[]> redis = connection.sync();
		redis.set(this.nodeKey, Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.US_ASCII),
				SetArgs.Builder.px(ttl));
		Set<String> users = this.localUsers.get();
		if (users.isEmpty()) {
			redis.del(this.presenceKey);
			return;
		}
		// Built aside and renamed into place, so that readers never see half of it.
		byte[][] members = users.stream().map((user) -> user.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
		redis.del(this.nextPresenceKey);
		redis.sadd(this.nextPresenceKey, members);
		redis.rename(this.nextPresenceKey, this.presenceKey);
		redis.pexpire(this.presenceKey, ttl);
	}

	/** Removes this node's heartbeat and users, as it leaves. */
	void leave(StatefulRedisConnection<byte[], byte[]> connection) {
		connection.sync().del(this.nodeKey, this.presenceKey);
	}

	/** The ids of the nodes whose heartbeat has not expired. */
	Set<String> nodes(StatefulRedisConnection<byte[], byte[]> connection) {
		RedisCommands<byte[], byte[]> redis = connection.sync();
		String prefix = this.channels.nodeKeyPrefix();
		ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(200);
		Set<String> nodes = new TreeSet<>();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<byte[]> page = redis.scan(cursor, match);
			for (byte[] key : page.getKeys()) {
				nodes.add(new String(key, StandardCharsets.UTF_8).substring(prefix.length()));
			}
			cursor = page;
		}
		while (!cursor.isFinished());
		return nodes;
	}

	/** The users of the nodes alive. */
	Set<String> onlineUsers(StatefulRedisConnection<byte[], byte[]> connection) {
		RedisCommands<byte[], byte[]> redis = connection.sync();
		Set<String> users = new TreeSet<>();
		for (String node : nodes(connection)) {
			for (byte[] user : redis.smembers(this.channels.presenceKey(node))) {
				users.add(new String(user, StandardCharsets.UTF_8));
			}
		}
		return users;
	}

}
