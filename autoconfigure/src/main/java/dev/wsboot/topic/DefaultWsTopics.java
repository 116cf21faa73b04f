package dev.wsboot.topic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsTopics} of one node: topics made on first subscribe and dropped when the last
 * subscriber leaves, each with the {@link SlowSubscriberPolicy} its name is given.
 *
 * <p>Sessions leave their topics when they finish, which this learns from the handlers it
 * {@link #tracking tracks}: the auto-configuration tracks every endpoint's.
 */
public class DefaultWsTopics implements WsTopics, TopicStatistics {

	private final Map<String, Topic> topics = new ConcurrentHashMap<>();

	private final WsMessageEncoder encoder;

	private final Function<String, SlowSubscriberPolicy> policies;

	private final WsTopicRelay relay;

	private final TopicCounters counters = new TopicCounters();

	/**
	 * @param encoder turns published objects into messages
	 * @param policies the policy of each topic, by name; asked when the topic is made
	 * @param relay carries publishes to other nodes; {@link WsTopicRelay#NONE} for none
	 */
	public DefaultWsTopics(WsMessageEncoder encoder, Function<String, SlowSubscriberPolicy> policies,
			WsTopicRelay relay) {
		this.encoder = encoder;
		this.policies = policies;
		this.relay = relay;
	}

	/** Topics of text, bytes and prepared messages, each with the default policy, on one node. */
	public DefaultWsTopics() {
		this(WsMessageEncoder.STANDARD, (topic) -> SlowSubscriberPolicy.DEFAULT, WsTopicRelay.NONE);
	}

	/**
	 * Wraps a route's handler so that its sessions leave their topics when they finish, after
	 * the handler's {@code onClose}.
	 */
	public WsHandler tracking(WsHandler handler) {
		return new MembershipTrackingHandler(handler, this);
	}

	@Override
	public boolean subscribe(WsSession session, String topic) {
		if (!session.isOpen()) {
			return false;
		}
		Membership membership = (Membership) session.attributes()
			.computeIfAbsent(Membership.ATTRIBUTE, (key) -> new Membership());
		synchronized (membership) {
			if (membership.ended) {
				return false;
			}
			for (Topic joined : membership.topics) {
				if (joined.name.equals(topic)) {
					return false;
				}
			}
			Topic joined = join(session, topic);
			membership.topics.add(joined);
			return true;
		}
	}

	private Topic join(WsSession session, String name) {
		while (true) {
			Topic topic = this.topics.computeIfAbsent(name, (key) -> new Topic(key, this.policies.apply(key)));
			if (topic.add(session)) {
				return topic;
			}
			// The last subscriber just left it: it is being dropped, make a new one.
			this.topics.remove(name, topic);
		}
	}

	@Override
	public boolean unsubscribe(WsSession session, String topic) {
		Membership membership = membership(session);
		if (membership == null) {
			return false;
		}
		synchronized (membership) {
			for (Topic joined : membership.topics) {
				if (joined.name.equals(topic)) {
					membership.topics.remove(joined);
					leave(session, joined);
					return true;
				}
			}
			return false;
		}
	}

	private void leave(WsSession session, Topic topic) {
		if (topic.remove(session)) {
			this.topics.remove(topic.name, topic);
		}
	}

	/** The session finished, its {@code onClose} done: it leaves every topic and joins none again. */
	void finished(WsSession session) {
		Membership membership = (Membership) session.attributes()
			.computeIfAbsent(Membership.ATTRIBUTE, (key) -> new Membership());
		synchronized (membership) {
			membership.ended = true;
			for (Topic topic : membership.topics) {
				leave(session, topic);
			}
			membership.topics.clear();
		}
	}

	@Override
	public Set<String> topicsOf(WsSession session) {
		Membership membership = membership(session);
		if (membership == null) {
			return Set.of();
		}
		synchronized (membership) {
			Set<String> names = new LinkedHashSet<>();
			membership.topics.forEach((topic) -> names.add(topic.name));
			return names;
		}
	}

	private static @Nullable Membership membership(WsSession session) {
		return (Membership) session.attributes().get(Membership.ATTRIBUTE);
	}

	@Override
	public int publish(String topic, Object message) {
		return publish(topic, message, null);
	}

	@Override
	public int publishExcept(String topic, Object message, WsSession excluded) {
		return publish(topic, message, excluded);
	}

	private int publish(String name, Object message, @Nullable WsSession excluded) {
		PreparedMessage prepared = this.encoder.encode(message);
		Topic topic = this.topics.get(name);
		if (topic == null) {
			this.counters.publishes.increment();
			this.relay.relay(name, prepared);
			return 0;
		}
		return topic.publish(prepared, excluded, this.relay, this.counters);
	}

	@Override
	public int deliver(String name, PreparedMessage message) {
		Topic topic = this.topics.get(name);
		if (topic == null) {
			this.counters.publishes.increment();
			return 0;
		}
		return topic.deliver(message, this.counters);
	}

	@Override
	public List<WsSession> subscribers(String topic) {
		Topic found = this.topics.get(topic);
		return (found != null) ? found.snapshot() : List.of();
	}

	@Override
	public int subscriberCount(String topic) {
		Topic found = this.topics.get(topic);
		return (found != null) ? found.size() : 0;
	}

	@Override
	public Set<String> topics() {
		return Set.copyOf(this.topics.keySet());
	}

	/** The running totals of this node's topics. */
	public TopicStatistics statistics() {
		return this;
	}

	@Override
	public long publishes() {
		return this.counters.publishes.sum();
	}

	@Override
	public long deliveries() {
		return this.counters.deliveries.sum();
	}

	@Override
	public long dropped() {
		return this.counters.dropped.sum();
	}

	@Override
	public long slowClosed() {
		return this.counters.slowClosed.sum();
	}

	@Override
	public int topicCount() {
		return this.topics.size();
	}

	@Override
	public long subscriptionCount() {
		long count = 0;
		for (Topic topic : this.topics.values()) {
			count += topic.size();
		}
		return count;
	}

	/** A handler whose sessions leave their topics after its {@code onClose}. */
	private record MembershipTrackingHandler(WsHandler delegate, DefaultWsTopics topics) implements WsHandler {

		@Override
		public void onOpen(WsSession session) {
			this.delegate.onOpen(session);
		}

		@Override
		public void onText(WsSession session, String text) {
			this.delegate.onText(session, text);
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
			this.delegate.onBinary(session, data);
		}

		@Override
		public void onPong(WsSession session, byte[] payload) {
			this.delegate.onPong(session, payload);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			try {
				this.delegate.onClose(session, status);
			}
			finally {
				this.topics.finished(session);
			}
		}

		@Override
		public void onError(WsSession session, Throwable error) {
			this.delegate.onError(session, error);
		}

	}

}
