package dev.wsboot.cluster.redis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

/**
 * The topic channels the {@link RedisClusterBroker}'s receiving connection subscribes to: a
 * topic's while this node has a subscriber of it, and for a delay after the last leaves, so
 * that churn does not hammer Redis. Everything runs on the broker's one worker thread, in
 * the order the changes happened, so the state needs no lock.
 */
final class RedisTopicSubscriptions {

	private final ScheduledExecutorService worker;

	private final RedisChannels channels;

	private final long unsubscribeDelayMillis;

	private final Supplier<@Nullable StatefulRedisPubSubConnection<byte[], byte[]>> connection;

	/** The topics this node receives, subscribed or about to be; worker thread only. */
	private final Set<String> wanted = new HashSet<>();

	/** Unsubscribes waiting for their delay, by topic; worker thread only. */
	private final Map<String, ScheduledFuture<?>> leaving = new HashMap<>();

	/**
	 * @param worker the broker's thread, where every change is made
	 * @param connection the receiving connection, {@code null} before the broker started
	 */
	RedisTopicSubscriptions(ScheduledExecutorService worker, RedisChannels channels, RedisClusterSettings settings,
			Supplier<@Nullable StatefulRedisPubSubConnection<byte[], byte[]>> connection) {
		this.worker = worker;
		this.channels = channels;
		this.unsubscribeDelayMillis = settings.unsubscribeDelay().toMillis();
		this.connection = connection;
	}

	/** This node has the first subscriber of a topic: its channel is subscribed, or stays so. */
	void nodeSubscribed(String topic) {
		this.worker.execute(() -> {
			ScheduledFuture<?> pending = this.leaving.remove(topic);
			if (pending != null) {
				// Still subscribed: the unsubscribe had not run yet.
				pending.cancel(false);
				return;
			}
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.connection.get();
			if (this.wanted.add(topic) && subscriber != null) {
				subscriber.async().subscribe(this.channels.topic(topic));
			}
		});
	}

	/** The last subscriber of a topic on this node left: its channel is unsubscribed after the delay. */
	void nodeUnsubscribed(String topic) {
		this.worker.execute(() -> this.leaving.put(topic, this.worker.schedule(() -> {
			this.leaving.remove(topic);
			StatefulRedisPubSubConnection<byte[], byte[]> subscriber = this.connection.get();
			if (this.wanted.remove(topic) && subscriber != null) {
				subscriber.async().unsubscribe(this.channels.topic(topic));
			}
		}, this.unsubscribeDelayMillis, TimeUnit.MILLISECONDS)));
	}

	/** On the worker thread: subscribes a new connection to the channels of every topic wanted. */
	void subscribeAll(StatefulRedisPubSubConnection<byte[], byte[]> subscriber) {
		for (String topic : this.wanted) {
			subscriber.async().subscribe(this.channels.topic(topic));
		}
	}

	/** On the worker thread: the topics this node receives, as a copy. */
	Set<String> wanted() {
		return new LinkedHashSet<>(this.wanted);
	}

}
