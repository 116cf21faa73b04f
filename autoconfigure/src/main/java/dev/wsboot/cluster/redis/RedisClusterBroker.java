package dev.wsboot.cluster.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import dev.wsboot.cluster.Envelope;
import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsClusterBroker;
import dev.wsboot.cluster.WsClusterReconnectedEvent;
import dev.wsboot.cluster.WsClusterStatistics;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.topic.WsTopics;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The {@link WsClusterBroker} on Redis pub/sub: a channel per topic, subscribed while this
 * node has a subscriber of the topic and for a short delay after the last leaves; a channel
 * per node for messages to its sessions; one channel for messages to users. See
 * {@link RedisChannels} for the names.
 *
 * <p>Three connections of the application's Lettuce client, which reconnects them by
 * itself: one publishes, one receives, whose listener runs on Lettuce's own thread and only
 * queues each message for this node's sessions, never waiting for one, so that Redis never
 * finds this node too slow and cuts it off ({@link RedisEnvelopeReceiver}); and the
 * subscription changes, heartbeats and events go through one thread of this broker's,
 * {@code ws-cluster}, in order.
 *
 * <p>While Redis cannot be reached, publishes still reach this node's subscribers, and are
 * counted as failures, logged once per interval; once it can, the node is subscribed again
 * to its channels and a {@link WsClusterReconnectedEvent} names its topics, which may have
 * lost messages in the meantime.
 */
public class RedisClusterBroker implements WsClusterBroker, WsClusterStatistics, SmartLifecycle {

	/** Starts before the WebSocket server and stops after it. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private static final Logger logger = LoggerFactory.getLogger(RedisClusterBroker.class);

	/** Outbound sequences unused for this long are dropped; receivers take the next as a restart. */
	private static final long IDLE_SEQUENCE_MILLIS = TimeUnit.MINUTES.toMillis(5);

	private final Supplier<AbstractRedisClient> client;

	private final RedisClusterSettings settings;

	private final RedisChannels channels;

	private final ApplicationEventPublisher events;

	private final RedisEnvelopeReceiver receiver;

	private final RedisPresence presence;

	private final ScheduledExecutorService worker;

	private final ConnectionWatcher watcher = new ConnectionWatcher();

	private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();

	/** The topics this node receives, subscribed or about to be; worker thread only. */
	private final Set<String> wanted = new HashSet<>();

	/** Unsubscribes waiting for their delay, by topic; worker thread only. */
	private final Map<String, ScheduledFuture<?>> leaving = new HashMap<>();

	private final LongAdder published = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final AtomicLong reconnects = new AtomicLong();

	private final OncePerInterval failureLog;

	private volatile @Nullable StatefulRedisConnection<byte[], byte[]> commands;

	private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> pubSub;

	/** When the receiving connection was lost, in milliseconds; 0 while connected. */
	private volatile long disconnectedAt;

	private volatile boolean running;

	/**
	 * @param client the application's Lettuce client, asked at start, once the connection
	 * factory that makes it has started
	 * @param settings how this node takes part
	 * @param topics this node's topics, asked when a message arrives
	 * @param cluster this node's sessions and users, asked when a message arrives
	 * @param sessions this node's sessions, asked when a message arrives
	 * @param localUsers the users with a session on this node, asked at each heartbeat
	 * @param events where gap and reconnect events go
	 */
	public RedisClusterBroker(Supplier<AbstractRedisClient> client, RedisClusterSettings settings,
			Supplier<WsTopics> topics, Supplier<WsCluster> cluster, Supplier<WsSessionRegistry> sessions,
			Supplier<Set<String>> localUsers, ApplicationEventPublisher events) {
		this.client = client;
		this.settings = settings;
		this.channels = new RedisChannels(settings.channelPrefix());
		this.events = events;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("ws-cluster-");
		threads.setDaemon(true);
		this.worker = Executors.newSingleThreadScheduledExecutor(threads);
		this.failureLog = new OncePerInterval(settings.failureLogInterval());
		this.receiver = new RedisEnvelopeReceiver(settings, this.channels, topics, cluster, sessions,
				this::publishEvent);
		this.presence = new RedisPresence(settings, this.channels, localUsers);
	}

	@Override
	public String nodeId() {
		return this.settings.nodeId();
	}

	/** Records the lag of each message received, in milliseconds from publish to receive. */
	public void setLagRecorder(LongConsumer lagRecorder) {
		this.receiver.setLagRecorder(lagRecorder);
	}

	@Override
	public void start() {
		AbstractRedisClient nativeClient = this.client.get();
		if (!(nativeClient instanceof RedisClient redis)) {
			throw new IllegalStateException("ws.cluster needs a standalone or Sentinel Redis; "
					+ nativeClient.getClass().getSimpleName() + " (Redis Cluster) is not supported");
		}
		redis.addListener(this.watcher);
		this.commands = redis.connect(ByteArrayCodec.INSTANCE);
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = redis.connectPubSub(ByteArrayCodec.INSTANCE);
		// A name that operators (and tests) can find with CLIENT LIST; Lettuce sets it again
		// on every reconnect.
		subscriber.sync().clientSetname(RedisChannels.bytes(this.settings.channelPrefix() + ":sub:" + nodeId()));
		subscriber.addListener(this.receiver);
		this.pubSub = subscriber;
		this.running = true;
		this.worker.execute(() -> {
			subscriber.async().subscribe(this.channels.node(nodeId()), this.channels.users());
			for (String topic : this.wanted) {
				subscriber.async().subscribe(this.channels.topic(topic));
			}
		});
		long heartbeat = this.settings.heartbeat().toMillis();
		this.worker.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat, TimeUnit.MILLISECONDS);
		logger.info("Cluster node '{}' on Redis, channels under '{}:', {} delivery", nodeId(),
				this.settings.channelPrefix(), this.settings.viaBroker() ? "via-broker" : "direct");
	}

	@Override
	public void stop() {
		this.running = false;
		this.worker.shutdownNow();
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		if (commands != null) {
			try {
				// Leave at once rather than when the heartbeat expires.
				if (commands.isOpen()) {
					this.presence.leave(commands);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not remove the presence of node '{}'", nodeId(), ex);
			}
			commands.close();
		}
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		if (subscriber != null) {
			subscriber.close();
		}
		AbstractRedisClient nativeClient = this.client.get();
		nativeClient.removeListener(this.watcher);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void relay(String topic, PreparedMessage message) {
		publishToTopic(topic, message, null, false);
	}

	@Override
	public boolean loopsBack(String topic) {
		return this.settings.viaBroker() && isConnected() && this.receiver.isSubscribed(topic);
	}

	@Override
	public void loopBack(String topic, PreparedMessage message, @Nullable WsSession excluded) {
		publishToTopic(topic, message, (excluded != null) ? excluded.id() : null, true);
	}

	private void publishToTopic(String topic, PreparedMessage message, @Nullable String excluded,
			boolean loopedBack) {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		if (commands == null || !commands.isOpen()) {
			failed(topic, null);
			return;
		}
		Sequence sequence = this.sequences.computeIfAbsent(topic, (key) -> new Sequence());
		// Numbers are taken in the order the messages are written to the connection, which
		// is the order Redis sends them on: a receiver sees a jump only for a message lost.
		synchronized (sequence) {
			long now = System.currentTimeMillis();
			sequence.usedAt = now;
			Envelope envelope = Envelope.of(Envelope.Kind.TOPIC, nodeId(), topic, excluded, ++sequence.last, now,
					loopedBack, message);
			publish(commands, this.channels.topic(topic), envelope, topic);
		}
	}

	@Override
	public void sendToSession(String nodeId, String sessionId, PreparedMessage message) {
		send(this.channels.node(nodeId), Envelope.Kind.SESSION, sessionId, message);
	}

	@Override
	public void sendToUser(String user, PreparedMessage message) {
		send(this.channels.users(), Envelope.Kind.USER, user, message);
	}

	private void send(byte[] channel, Envelope.Kind kind, String target, PreparedMessage message) {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		if (commands == null || !commands.isOpen()) {
			failed(target, null);
			return;
		}
		Envelope envelope = Envelope.of(kind, nodeId(), target, null, 0, System.currentTimeMillis(), false, message);
		publish(commands, channel, envelope, target);
	}

	private void publish(StatefulRedisConnection<byte[], byte[]> commands, byte[] channel, Envelope envelope,
			String target) {
		commands.async().publish(channel, envelope.encode()).whenComplete((receivers, failure) -> {
			if (failure != null) {
				failed(target, failure);
			}
			else {
				this.published.increment();
			}
		});
	}

	private void failed(String target, @Nullable Throwable failure) {
		this.failures.increment();
		if (this.failureLog.tryPass()) {
			logger.warn("Cluster node '{}' could not publish to Redis ({} failures so far; latest for '{}'): {}",
					nodeId(), this.failures.sum(), target,
					(failure != null) ? failure.toString() : "not connected; delivered on this node only");
		}
	}

	@Override
	public void nodeSubscribed(String topic) {
		this.worker.execute(() -> {
			ScheduledFuture<?> pending = this.leaving.remove(topic);
			if (pending != null) {
				// Still subscribed: the unsubscribe had not run yet.
				pending.cancel(false);
				return;
			}
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
			if (this.wanted.add(topic) && subscriber != null) {
				subscriber.async().subscribe(this.channels.topic(topic));
			}
		});
	}

	@Override
	public void nodeUnsubscribed(String topic) {
		this.worker.execute(() -> this.leaving.put(topic, this.worker.schedule(() -> {
			this.leaving.remove(topic);
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
			if (this.wanted.remove(topic) && subscriber != null) {
				subscriber.async().unsubscribe(this.channels.topic(topic));
			}
		}, this.settings.unsubscribeDelay().toMillis(), TimeUnit.MILLISECONDS)));
	}

	private void heartbeat() {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		if (commands == null || !commands.isOpen()) {
			return;
		}
		try {
			this.presence.refresh(commands);
		}
		catch (RuntimeException ex) {
			logger.debug("Heartbeat of node '{}' failed", nodeId(), ex);
		}
		long idleBefore = System.currentTimeMillis() - IDLE_SEQUENCE_MILLIS;
		this.sequences.values().removeIf((sequence) -> sequence.usedAt < idleBefore);
	}

	@Override
	public Set<String> nodes() {
		return this.presence.nodes(connected());
	}

	@Override
	public Set<String> onlineUsers() {
		return this.presence.onlineUsers(connected());
	}

	private StatefulRedisConnection<byte[], byte[]> connected() {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		if (commands == null || !commands.isOpen()) {
			throw new IllegalStateException("Cluster node '" + nodeId() + "' cannot reach Redis");
		}
		return commands;
	}

	private void publishEvent(Object event) {
		// Never on Lettuce's thread, which must go on reading.
		if (!this.worker.isShutdown()) {
			this.worker.execute(() -> this.events.publishEvent(event));
		}
	}

	@Override
	public boolean isConnected() {
		StatefulRedisConnection<byte[], byte[]> commands = this.commands;
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.pubSub;
		return this.running && commands != null && commands.isOpen() && subscriber != null && subscriber.isOpen();
	}

	@Override
	public long published() {
		return this.published.sum();
	}

	@Override
	public long failures() {
		return this.failures.sum();
	}

	@Override
	public long received() {
		return this.receiver.received();
	}

	@Override
	public long gaps() {
		return this.receiver.gaps();
	}

	@Override
	public long missed() {
		return this.receiver.missed();
	}

	@Override
	public long reconnects() {
		return this.reconnects.get();
	}

	@Override
	public int subscriptions() {
		return this.receiver.subscriptions();
	}

	/** The last number given to a topic's messages, and when. */
	private static final class Sequence {

		long last;

		volatile long usedAt;

	}

	/** Follows the receiving connection, among all those of the application's client. */
	private final class ConnectionWatcher implements RedisConnectionStateListener {

		@Override
		public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
			if (connection == RedisClusterBroker.this.pubSub && RedisClusterBroker.this.disconnectedAt == 0) {
				RedisClusterBroker.this.disconnectedAt = System.currentTimeMillis();
				logger.warn("Cluster node '{}' lost its Redis subscription; publishes reach this node only until"
						+ " it is back", nodeId());
			}
		}

		@Override
		public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
			long since = RedisClusterBroker.this.disconnectedAt;
			if (connection != RedisClusterBroker.this.pubSub || since == 0) {
				return;
			}
			RedisClusterBroker.this.disconnectedAt = 0;
			RedisClusterBroker.this.reconnects.incrementAndGet();
			Duration outage = Duration.ofMillis(System.currentTimeMillis() - since);
			logger.info("Cluster node '{}' reconnected to Redis after {} ms; its topics may have lost messages",
					nodeId(), outage.toMillis());
			if (!RedisClusterBroker.this.worker.isShutdown()) {
				RedisClusterBroker.this.worker.execute(() -> RedisClusterBroker.this.events.publishEvent(
						new WsClusterReconnectedEvent(RedisClusterBroker.this, new LinkedHashSet<>(
								RedisClusterBroker.this.wanted), outage)));
			}
		}

	}

}
