package dev.wsboot.cluster.redis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import dev.wsboot.cluster.Envelope;
import dev.wsboot.cluster.SequenceGaps;
import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsClusterGapEvent;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.topic.WsTopics;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node receives from Redis, on Lettuce's thread, one message after the other in
 * the order Redis sent them: each is decoded, checked for a gap in its origin's sequence,
 * framed once and queued for this node's sessions, which never waits for a connection.
 * Anything slower, such as the application's gap listeners, is handed to another thread.
 */
final class RedisEnvelopeReceiver extends RedisPubSubAdapter<byte[], byte[]> {

	private static final Logger logger = LoggerFactory.getLogger(RedisEnvelopeReceiver.class);

	private final RedisClusterSettings settings;

	private final RedisChannels channels;

	private final Supplier<WsTopics> topics;

	private final Supplier<WsCluster> cluster;

	private final Supplier<WsSessionRegistry> sessions;

	private final Consumer<Object> events;

	/** Only this receiver's thread uses it. */
	private final SequenceGaps sequences = new SequenceGaps();

	/** The topics whose channel Redis confirmed this node is subscribed to. */
	private final Set<String> subscribed = ConcurrentHashMap.newKeySet();

	private final LongAdder received = new LongAdder();

	private final LongAdder gaps = new LongAdder();

	private final LongAdder missed = new LongAdder();

	private final OncePerInterval gapLog;

	private final OncePerInterval malformedLog;

	private volatile LongConsumer lagRecorder = (lag) -> {
	};

	RedisEnvelopeReceiver(RedisClusterSettings settings, RedisChannels channels, Supplier<WsTopics> topics,
			Supplier<WsCluster> cluster, Supplier<WsSessionRegistry> sessions, Consumer<Object> events) {
		this.settings = settings;
		this.channels = channels;
		this.topics = topics;
		this.cluster = cluster;
		this.sessions = sessions;
		this.events = events;
		this.gapLog = new OncePerInterval(settings.failureLogInterval());
		this.malformedLog = new OncePerInterval(settings.failureLogInterval());
	}

	void setLagRecorder(LongConsumer lagRecorder) {
		this.lagRecorder = lagRecorder;
	}

	@Override
	public void message(byte[] channel, byte[] message) {
		this.received.increment();
		try {
			receive(Envelope.decode(message));
		}
		catch (IllegalArgumentException ex) {
			// Not ours, or not this version's: nothing to deliver, and Redis must not wait.
			if (this.malformedLog.tryPass()) {
				logger.warn("Ignored a message on cluster channel '{}' that is not a valid envelope: {}",
						new String(channel, java.nio.charset.StandardCharsets.UTF_8), ex.getMessage());
			}
		}
	}

	private void receive(Envelope envelope) {
		boolean own = envelope.origin().equals(this.settings.nodeId());
		switch (envelope.kind()) {
			case TOPIC -> {
				if (own && !envelope.loopedBack()) {
					// Delivered here when it was published.
					return;
				}
				this.lagRecorder.accept(System.currentTimeMillis() - envelope.publishedAt());
				checkSequence(envelope);
				deliverToTopic(envelope, envelope.toMessage(), own);
			}
			case SESSION -> this.cluster.get().deliverToSession(envelope.target(), envelope.toMessage());
			case USER -> {
				if (!own) {
					this.cluster.get().deliverToUser(envelope.target(), envelope.toMessage());
				}
			}
		}
	}

	private void checkSequence(Envelope envelope) {
		long lost = this.sequences.record(envelope.origin(), envelope.target(), envelope.sequence());
		if (lost == 0) {
			return;
		}
		this.gaps.increment();
		this.missed.add(lost);
		if (this.gapLog.tryPass()) {
			logger.warn("Cluster node '{}' missed {} message(s) of topic '{}' from node '{}' ({} gaps so far)",
					this.settings.nodeId(), lost, envelope.target(), envelope.origin(), this.gaps.sum());
		}
		this.events.accept(new WsClusterGapEvent(this, envelope.target(), envelope.origin(), lost));
	}

	private void deliverToTopic(Envelope envelope, PreparedMessage message, boolean own) {
		WsTopics topics = this.topics.get();
		String excludedId = envelope.excluded();
		WsSession excluded = (own && excludedId != null) ? this.sessions.get().find(excludedId) : null;
		if (excluded != null) {
			topics.deliverExcept(envelope.target(), message, excluded);
		}
		else {
			topics.deliver(envelope.target(), message);
		}
	}

	@Override
	public void subscribed(byte[] channel, long count) {
		String topic = this.channels.topicOf(channel);
		if (topic != null) {
			this.subscribed.add(topic);
		}
	}

	@Override
	public void unsubscribed(byte[] channel, long count) {
		String topic = this.channels.topicOf(channel);
		if (topic != null) {
			this.subscribed.remove(topic);
			this.sequences.forget(topic);
		}
	}

	boolean isSubscribed(String topic) {
		return this.subscribed.contains(topic);
	}

	int subscriptions() {
		return this.subscribed.size();
	}

	long received() {
		return this.received.sum();
	}

	long gaps() {
		return this.gaps.sum();
	}

	long missed() {
		return this.missed.sum();
	}

}
