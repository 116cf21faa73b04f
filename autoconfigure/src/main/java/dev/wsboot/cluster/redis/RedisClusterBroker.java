package dev.wsboot.cluster.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
 * {@code ws-cluster}, in order. The broker wires and starts the parts that do the work:
 * {@link RedisConnections}, {@link RedisPublisher}, {@link RedisTopicSubscriptions},
 * {@link RedisPresence} and {@link RedisOutageWatcher}.
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

	private final Supplier<AbstractRedisClient> client;

	private final RedisClusterSettings settings;

	private final RedisChannels channels;

	private final ApplicationEventPublisher events;

	private final RedisPublisher publisher;

	private final RedisEnvelopeReceiver receiver;

	private final RedisPresence presence;

	private final ScheduledExecutorService worker;

	private final RedisTopicSubscriptions subscriptions;

	private final RedisOutageWatcher watcher;

	private final RedisConnections connections = new RedisConnections();

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
		this.publisher = new RedisPublisher(settings, this.channels, this.connections::commands);
		this.subscriptions = new RedisTopicSubscriptions(this.worker, this.channels, settings,
				this.connections::subscriber);
		this.watcher = new RedisOutageWatcher(settings.nodeId(), this.connections::subscriber, this::reconnected);
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
		StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.connections.open(redis,
				this.settings.channelPrefix() + ":sub:" + nodeId(), this.receiver);
		// Subscribed before start returns, so that a started node already receives what the
		// others send to its sessions and users; Lettuce subscribes again after a reconnect.
		subscriber.sync().subscribe(this.channels.node(nodeId()), this.channels.users());
		this.running = true;
		this.worker.execute(() -> this.subscriptions.subscribeAll(subscriber));
		long heartbeat = this.settings.heartbeat().toMillis();
		this.worker.scheduleWithFixedDelay(this::heartbeat, 0, heartbeat, TimeUnit.MILLISECONDS);
		logger.info("Cluster node '{}' on Redis, channels under '{}:', {} delivery", nodeId(),
				this.settings.channelPrefix(), this.settings.viaBroker() ? "via-broker" : "direct");
	}

	@Override
	public void stop() {
		this.running = false;
		this.worker.shutdownNow();
		StatefulRedisConnection<byte[], byte[]> commands = this.connections.openCommands();
		if (commands != null) {
			try {
				// Leave at once rather than when the heartbeat expires.
				this.presence.leave(commands);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not remove the presence of node '{}'", nodeId(), ex);
			}
		}
		this.connections.close();
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
		this.publisher.publishToTopic(topic, message, null, false);
	}

	@Override
	public boolean loopsBack(String topic) {
		return this.settings.viaBroker() && isConnected() && this.receiver.isSubscribed(topic);
	}

	@Override
	public void loopBack(String topic, PreparedMessage message, @Nullable WsSession excluded) {
		this.publisher.publishToTopic(topic, message, (excluded != null) ? excluded.id() : null, true);
	}

	@Override
	public void sendToSession(String nodeId, String sessionId, PreparedMessage message) {
		this.publisher.send(this.channels.node(nodeId), Envelope.Kind.SESSION, sessionId, message);
	}

	@Override
	public void sendToUser(String user, PreparedMessage message) {
		this.publisher.send(this.channels.users(), Envelope.Kind.USER, user, message);
	}

	@Override
	public void nodeSubscribed(String topic) {
		this.subscriptions.nodeSubscribed(topic);
	}

	@Override
	public void nodeUnsubscribed(String topic) {
		this.subscriptions.nodeUnsubscribed(topic);
	}

	private void heartbeat() {
		StatefulRedisConnection<byte[], byte[]> commands = this.connections.openCommands();
		if (commands == null) {
			return;
		}
		try {
			this.presence.refresh(commands);
		}
		catch (RuntimeException ex) {
			logger.debug("Heartbeat of node '{}' failed", nodeId(), ex);
		}
		this.publisher.dropIdleSequences();
	}

	@Override
	public Set<String> nodes() {
		return this.presence.nodes(this.connections.requireCommands(nodeId()));
	}

	@Override
	public Set<String> onlineUsers() {
		return this.presence.onlineUsers(this.connections.requireCommands(nodeId()));
	}

	/** On Lettuce's thread: the receiving connection is back, subscribed again to its channels. */
	private void reconnected(Duration outage) {
		if (!this.worker.isShutdown()) {
			this.worker.execute(() -> this.events.publishEvent(
					new WsClusterReconnectedEvent(this, this.subscriptions.wanted(), outage)));
		}
	}

	private void publishEvent(Object event) {
		// Never on Lettuce's thread, which must go on reading.
		if (!this.worker.isShutdown()) {
			this.worker.execute(() -> this.events.publishEvent(event));
		}
	}

	@Override
	public boolean isConnected() {
		return this.running && this.connections.isOpen();
	}

	/**
	 * Whether the publishing connection is open. Lettuce notices a lost connection on each
	 * connection's own thread, so this may still be true for a moment after
	 * {@link #isConnected()} turned false; what is published in that moment is kept by
	 * Lettuce and sent after the reconnect instead of counting as a failure.
	 */
	boolean canPublish() {
		return this.running && this.connections.openCommands() != null;
	}

	@Override
	public long published() {
		return this.publisher.published();
	}

	@Override
	public long failures() {
		return this.publisher.failures();
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
		return this.watcher.reconnects();
	}

	@Override
	public int subscriptions() {
		return this.receiver.subscriptions();
	}

}
