package dev.wsboot.cluster.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link RedisClusterBroker}'s receiving connection, among all those of the
 * application's client, which Lettuce reconnects by itself: logs when it is lost and when
 * it is back, counts the reconnects, and tells the broker how long the outage lasted, since
 * its topics may have lost messages meanwhile. Called on Lettuce's threads.
 */
final class RedisOutageWatcher implements RedisConnectionStateListener {

	/** Under the broker's name, which is the one operators know to configure. */
	private static final Logger logger = LoggerFactory.getLogger(RedisClusterBroker.class);

	private final String nodeId;

	private final Supplier<@Nullable StatefulRedisPubSubConnection<byte[], byte[]>> watched;

	private final Consumer<Duration> onReconnected;

	private final AtomicLong reconnects = new AtomicLong();

	/** When the receiving connection was lost, in milliseconds; 0 while connected. */
	private volatile long disconnectedAt;

	/**
	 * @param watched the receiving connection, {@code null} before the broker started
	 * @param onReconnected told the outage's length once the connection is back
	 */
	RedisOutageWatcher(String nodeId, Supplier<@Nullable StatefulRedisPubSubConnection<byte[], byte[]>> watched, Consumer<Duration> onReconnected) {
		this.nodeId = nodeId;
		this.watched = watched;
		this.onReconnected = onReconnected;
	}

	@Override
	public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
		if (connection == this.watched.get() && this.disconnectedAt == 0) {
			this.disconnectedAt = System.currentTimeMillis();
			logger.warn("Cluster node '{}' lost its Redis subscription; publishes reach this node only until"
					+ " it is back", this.nodeId);
		}
	}

	@Override
	public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
		long since = this.disconnectedAt;
		if (connection != this.watched.get() || since == 0) {
			return;
		}
		this.disconnectedAt = 0;
		this.reconnects.incrementAndGet();
		Duration outage = Duration.ofMillis(System.currentTimeMillis() - since);
		logger.info("Cluster node '{}' reconnected to Redis after {} ms; its topics may have lost messages",
				this.nodeId, outage.toMillis());
		this.onReconnected.accept(outage);
	}

	/** How many times the receiving connection came back after it was lost. */
	long reconnects() {
		return this.reconnects.get();
	}

}
