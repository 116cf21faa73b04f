package dev.wsboot.topic;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsTopics} of one node: topics made on first subscribe and dropped when the last
 * subscriber leaves, each with the {@link SlowSubscriberPolicy} its name is given, and the
 * {@link TopicStatistics} of them all.
 *
 * <p>Sessions leave their topics when they finish, which this learns from the handlers it
 * {@link #tracking tracks}: the auto-configuration tracks every endpoint's, for each bean of
 * this type. A session of a handler not tracked stays in its topics after it ends, until
 * unsubscribed.
 *
 * <p>A session's subscriptions are kept in its attributes, under a lock of its own taken
 * before a topic's; a topic's lock serializes its publishes. The relay is told of the node's
 * first and last subscribers of a topic once those locks are released. The topics themselves,
 * by name, are kept apart from the sessions' memberships, in a {@code LiveTopics}.
 */
public class DefaultWsTopics implements WsTopics, TopicStatistics {

	private final WsMessageEncoder encoder;

	private final WsTopicRelay relay;

	private final NodeSubscriptions nodeSubscriptions;

	private final TopicCounters counters = new TopicCounters();

	private final LiveTopics topics;

	private final Function<String, Collection<WsSession>> userSessions;

	/**
	 * Topics whose {@link #sendToUser} reaches no one.
	 * @param encoder turns published objects into messages
	 * @param policies the policy of each topic, by name; asked when the topic is made
	 * @param relay carries publishes to other nodes; {@link WsTopicRelay#NONE} for none
	 */
	public DefaultWsTopics(WsMessageEncoder encoder, Function<String, SlowSubscriberPolicy> policies,
			WsTopicRelay relay) {
		this(encoder, policies, relay, (user) -> List.of());
	}

	/**
	 * @param encoder turns published objects into messages
	 * @param policies the policy of each topic, by name; asked when the topic is made
	 * @param relay carries publishes to other nodes; {@link WsTopicRelay#NONE} for none
	 * @param userSessions the open sessions of a user, by principal name, such as the
	 * server's {@link dev.wsboot.server.WsSessionRegistry#sessionsOf(String)}
	 */
	public DefaultWsTopics(WsMessageEncoder encoder, Function<String, SlowSubscriberPolicy> policies,
			WsTopicRelay relay, Function<String, Collection<WsSession>> userSessions) {
		this.userSessions = userSessions;
		this.encoder = encoder;
		this.relay = relay;
		this.nodeSubscriptions = new NodeSubscriptions(relay);
		this.topics = new LiveTopics(policies, relay, this.nodeSubscriptions, this.counters);
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
		Membership membership = Membership.of(session);
		boolean joined;
		synchronized (membership) {
			joined = !membership.ended && !membership.topics.containsKey(topic);
			if (joined) {
				membership.topics.put(topic, this.topics.join(session, topic));
			}
		}
		this.nodeSubscriptions.tell();
		return joined;
	}

	@Override
	public boolean unsubscribe(WsSession session, String topic) {
		Membership membership = Membership.find(session);
		if (membership == null) {
			return false;
		}
		Topic left;
		synchronized (membership) {
			left = membership.topics.remove(topic);
			if (left != null) {
				this.topics.leave(session, left);
			}
		}
		this.nodeSubscriptions.tell();
		return left != null;
	}

	/** The session finished, its {@code onClose} done: it leaves every topic and joins none again. */
	void finished(WsSession session) {
		Membership membership = Membership.finishing(session);
		synchronized (membership) {
			membership.ended = true;
			for (Topic topic : membership.topics.values()) {
				this.topics.leave(session, topic);
			}
			membership.topics.clear();
		}
		this.nodeSubscriptions.tell();
	}

	@Override
	public Set<String> topicsOf(WsSession session) {
		Membership membership = Membership.find(session);
		if (membership == null) {
			return Set.of();
		}
		synchronized (membership) {
			return new LinkedHashSet<>(membership.topics.keySet());
		}
	}

	@Override
	public int sendToUser(String user, Object message) {
		Collection<WsSession> sessions = this.userSessions.apply(user);
		if (sessions.isEmpty() && this.relay == WsTopicRelay.NONE) {
			return 0;
		}
		PreparedMessage prepared = this.encoder.encode(message);
		int queued = 0;
		for (WsSession session : sessions) {
			if (session.send(prepared) == SendResult.QUEUED) {
				queued++;
			}
		}
		this.relay.sendToUser(user, prepared);
		return queued;
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
		if (this.relay.loopsBack(name)) {
			// This node's subscribers get it back from the broker, in the order every node sees;
			// counted as a publish when it is delivered.
			this.relay.loopBack(name, prepared, excluded);
			return 0;
		}
		return this.topics.publish(name, prepared, excluded);
	}

	@Override
	public int deliver(String name, PreparedMessage message) {
		return this.topics.deliver(name, message, null);
	}

	@Override
	public int deliverExcept(String name, PreparedMessage message, WsSession excluded) {
		return this.topics.deliver(name, message, excluded);
	}

	@Override
	public List<WsSession> subscribers(String topic) {
		return this.topics.subscribers(topic);
	}

	@Override
	public int subscriberCount(String topic) {
		return this.topics.subscriberCount(topic);
	}

	@Override
	public Set<String> topics() {
		return this.topics.names();
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
		return this.topics.count();
	}

	@Override
	public long subscriptionCount() {
		return this.topics.subscriptionCount();
	}

}
