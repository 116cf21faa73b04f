package dev.wsboot.topic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Topic}s of one node by name, for {@link DefaultWsTopics}: a topic is made when
 * its first subscriber joins and dropped when it is retired, its last subscriber gone. Every
 * operation that finds a retired topic drops it and goes on with its successor, so that no
 * one uses a topic out of the map.
 */
final class LiveTopics {

	private final Map<String, Topic> topics = new ConcurrentHashMap<>();

	private final Function<String, SlowSubscriberPolicy> policies;

	private final WsTopicRelay relay;

	private final NodeSubscriptions nodeSubscriptions;

	private final TopicCounters counters;

	/**
	 * @param policies the policy of each topic, by name; asked when the topic is made
	 * @param relay carries publishes to other nodes
	 * @param nodeSubscriptions where a topic's first and last subscribers are recorded
	 * @param counters the running totals the topics add to
	 */
	LiveTopics(Function<String, SlowSubscriberPolicy> policies, WsTopicRelay relay,
			NodeSubscriptions nodeSubscriptions, TopicCounters counters) {
		this.policies = policies;
		this.relay = relay;
		this.nodeSubscriptions = nodeSubscriptions;
		this.counters = counters;
	}

	/** Adds the session to the topic of that name, made if need be; returns the topic joined. */
	Topic join(WsSession session, String name) {
		while (true) {
			Topic topic = this.topics.computeIfAbsent(name, (key) -> new Topic(key, this.policies.apply(key)));
			if (topic.add(session, this.nodeSubscriptions)) {
				return topic;
			}
			// Its last subscriber just left: it is retired, make a new one.
			this.topics.remove(name, topic);
		}
	}

	/** Removes the session from a topic it joined, dropping the topic if it was the last. */
	void leave(WsSession session, Topic topic) {
		if (topic.remove(session, this.nodeSubscriptions)) {
			this.topics.remove(topic.name, topic);
		}
	}

	/**
	 * Queues a message for the topic's subscribers on this node but {@code excluded} and
	 * relays it to the other nodes; only relays it when the topic has none here.
	 * @return how many subscribers it was queued for
	 */
	int publish(String name, PreparedMessage message, @Nullable WsSession excluded) {
		while (true) {
			Topic topic = this.topics.get(name);
			if (topic == null) {
				this.counters.publishes.increment();
				this.relay.relay(name, message);
				return 0;
			}
			int queued = topic.publish(message, excluded, this.relay, this.counters);
			if (queued != Topic.RETIRED) {
				return queued;
			}
			// Retired since it was looked up: a subscriber who joined meanwhile is in its successor.
			this.topics.remove(name, topic);
		}
	}

	/**
	 * Queues a message for the topic's subscribers on this node but {@code excluded}.
	 * @return how many subscribers it was queued for
	 */
	int deliver(String name, PreparedMessage message, @Nullable WsSession excluded) {
		while (true) {
			Topic topic = this.topics.get(name);
			if (topic == null) {
				this.counters.publishes.increment();
				return 0;
			}
			int queued = topic.deliver(message, excluded, this.counters);
			if (queued != Topic.RETIRED) {
				return queued;
			}
			this.topics.remove(name, topic);
		}
	}

	/** The topic's subscribers, as a copy; empty when it has none. */
	List<WsSession> subscribers(String name) {
		Topic found = this.topics.get(name);
		return (found != null) ? found.snapshot() : List.of();
	}

	int subscriberCount(String name) {
		Topic found = this.topics.get(name);
		return (found != null) ? found.size() : 0;
	}

	/** The names of the topics with at least one subscriber, as a copy. */
	Set<String> names() {
		Set<String> names = new LinkedHashSet<>();
		// Not a topic just made for a subscriber still joining it, nor one just retired.
		this.topics.forEach((name, topic) -> {
			if (topic.size() > 0) {
				names.add(name);
			}
		});
		return names;
	}

	/** How many topics have at least one subscriber. */
	int count() {
		int count = 0;
		for (Topic topic : this.topics.values()) {
			if (topic.size() > 0) {
				count++;
			}
		}
		return count;
	}

	/** How many subscriptions the topics have, a session counted once per topic. */
	long subscriptionCount() {
		long count = 0;
		for (Topic topic : this.topics.values()) {
			count += topic.size();
		}
		return count;
	}

}
