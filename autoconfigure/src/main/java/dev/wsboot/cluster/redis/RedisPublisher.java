package dev.wsboot.cluster.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.wsboot.cluster.Envelope;
import dev.wsboot.server.PreparedMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of the {@link RedisClusterBroker}: wraps each message in an
 * {@link Envelope} and publishes it on the publishing connection, numbering a topic's
 * messages in the order they are written so that receivers see a gap only for a message
 * lost. Counts what was published and what failed, and logs failures once per interval.
 */
final class RedisPublisher {

	/** Under the broker's name, which is the one operators know to configure. */
	private static final Logger logger = LoggerFactory.getLogger(RedisClusterBroker.class);

	/** Outbound sequences unused for this long are dropped; receivers take the next as a restart. */
	private static final long IDLE_SEQUENCE_MILLIS = TimeUnit.MINUTES.toMillis(5);

	private final String nodeId;

	private final RedisChannels channels;

	private final Supplier<@Nullable StatefulRedisConnection<byte[], byte[]>> connection;

	private final Map<String, Sequence> sequences = new ConcurrentHashMap<>();

	private final LongAdder published = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final OncePerInterval failureLog;

	/**
	 * @param connection the publishing connection, {@code null} before the broker started
	 */
	RedisPublisher(RedisClusterSettings settings, RedisChannels channels,
			Supplier<@Nullable StatefulRedisConnection<byte[], byte[]>> connection) {
		this.nodeId = settings.nodeId();
		this.channels = channels;
		this.connection = connection;
		this.failureLog = new OncePerInterval(settings.failureLogInterval());
	}

	/**
	 * Publishes a message to a topic's channel, numbered in the topic's sequence.
	 * @param excluded the id of the session not to deliver it to, if any
	 * @param loopedBack whether this node's subscribers receive it from Redis too
	 */
	void publishToTopic(String topic, PreparedMessage message, @Nullable String excluded, boolean loopedBack) {
		StatefulRedisConnection<byte[], byte[]> commands = this.connection.get();
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
			Envelope envelope = Envelope.of(Envelope.Kind.TOPIC, this.nodeId, topic, excluded, ++sequence.last, now,
					loopedBack, message);
			publish(commands, this.channels.topic(topic), envelope, topic);
		}
	}

	/** Publishes a message for one session or user ({@code target}) on {@code channel}, unnumbered. */
	void send(byte[] channel, Envelope.Kind kind, String target, PreparedMessage message) {
		StatefulRedisConnection<byte[], byte[]> commands = this.connection.get();
		if (commands == null || !commands.isOpen()) {
			failed(target, null);
			return;
		}
		Envelope envelope = Envelope.of(kind, this.nodeId, target, null, 0, System.currentTimeMillis(), false,
				message);
		publish(commands, channel, envelope, target);
	}

	/** Forgets the sequences of topics not published to for a while. */
	void dropIdleSequences() {
		long idleBefore = System.currentTimeMillis() - IDLE_SEQUENCE_MILLIS;
		this.sequences.values().removeIf((sequence) -> sequence.usedAt < idleBefore);
	}

	long published() {
		return this.published.sum();
	}

	long failures() {
		return this.failures.sum();
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
					this.nodeId, this.failures.sum(), target,
					(failure != null) ? failure.toString() : "not connected; delivered on this node only");
		}
	}

	/** The last number given to a topic's messages, and when. */
	private static final class Sequence {

		long last;

		volatile long usedAt;

	}

}
