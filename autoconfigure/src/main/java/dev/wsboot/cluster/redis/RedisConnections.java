package dev.wsboot.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

/**
 * The {@link RedisClusterBroker}'s two connections of the application's Lettuce client,
 * which reconnects them by itself: one that publishes and runs commands, one that receives.
 * Opened when the broker starts and closed when it stops; read from any thread.
 */
final class RedisConnections {

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> commands;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> pubSub;

	/**
	 * Opens both connections.
	 * @param subscriberName the receiving connection's name
	 * @param listener what hears the messages received
	 * @return the receiving connection
	 */
	StatefulRedisPubSubConnection<byte[], byte[]> open(RedisClient redis, String subscriberName,
			RedisPubSubListener<byte[], byte[]> listener) {
		this.commands = redis.connect(ByteArrayCodec.INSTANCE);
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = redis.connectPubSub(ByteArrayCodec.INSTANCE);
		// A name that operators (and tests) can find with CLIENT LIST; Lettuce sets it again
		// on every reconnect.
		subscriber.sync().clientSetname(RedisChannels.bytes(subscriberName));
		subscriber.addListener(listener);
		this.pubSub = subscriber;
		return subscriber;
	}

	/** The connection that publishes, {@code null} before {@link #open}, open or not. */
	@Nullable StatefulRedisConnection<byte[], byte[]> commands() {
		return this.commands;
	}

	/** The connection that publishes while it is open, else {@code null}. */
	@Nullable StatefulRedisConnection<byte[], byte[]> openCommands() {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		return (commands != null && commands.isOpen()) ? commands : null;
	}

	/**
	 * The connection that publishes, open.
	 * @throws IllegalStateException when it is not open, naming the node that cannot reach Redis
	 */
	StatefulRedisConnection<byte[], byte[]> requireCommands(String nodeId) {
		StatefulRedisConnection<byte[], byte[]> commands = openCommands();
		if (commands == null) {
			throw new IllegalStateException("Cluster node '" + nodeId + "' cannot reach Redis");
		}
		return commands;
	}

	/** The connection that receives, {@code null} before {@link #open}, open or not. */
	@Nullable StatefulRedisPubSubConnection<byte[], byte[]> subscriber() {
		return this.pubSub;
	}

	/** Whether both connections are open. */
	boolean isOpen() {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		return commands != null && commands.isOpen() && subscriber != null && subscriber.isOpen();
	}

	/** Closes the connections opened, the publishing one first. */
	void close() {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		if (commands != null) {
			commands.close();
		}
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		if (subscriber != null) {
			subscriber.close();
		}
	}

}
