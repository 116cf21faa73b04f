package dev.wsboot.topic;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * Carries topics beyond this node, so that subscribers connected to other nodes of a cluster
 * receive what is published here: the seam a cluster module implements, declared as a bean.
 * Each node hands what it receives from the others to {@link WsTopics#deliver}. Delivery to
 * this node's own subscribers never goes through the relay.
 *
 * <p>Besides each publish, the relay learns when this node gains the first subscriber of a
 * topic and loses the last one, {@link #nodeSubscribed} and {@link #nodeUnsubscribed}, so
 * that it can subscribe the node to the topic in a broker, and only to the topics it needs.
 *
 * <p>A relay may instead {@link #loopsBack loop a topic back}: this node's subscribers then
 * receive what is published here from the broker, as every other node does, so that all
 * nodes see one order per topic.
 */
@FunctionalInterface
public interface WsTopicRelay {

	/** A relay that carries nothing: a single node. */
	WsTopicRelay NONE = (topic, message) -> {
	};

	/**
	 * Carries one message published on this node to the other nodes. Called once per
	 * publish; for a topic with subscribers on this node, in the order they receive the
	 * messages, while the topic's publishers wait: it must hand the message on without
	 * blocking, such as to a queue the broker's connection drains, and must not publish.
	 * Publishes to a topic without subscribers here may call it from several threads at once.
	 */
	void relay(String topic, PreparedMessage message);

	/**
	 * Whether a message published here to this topic reaches this node's subscribers through
	 * the relay, like those of the other nodes, rather than directly: the relay then hands it
	 * to {@link #loopBack}, then to {@link WsTopics#deliver} (or {@link WsTopics#deliverExcept})
	 * when the broker sends it back, and the publish queues it for no one here. Asked at every publish, with no lock
	 * held, so that a relay answers false while it cannot reach its broker, or before its
	 * subscription to the topic is confirmed, and the message goes to this node's
	 * subscribers directly then.
	 */
	default boolean loopsBack(String topic) {
		return false;
	}

	/**
	 * Carries a message published here to a topic that {@link #loopsBack loops back}: unlike
	 * what {@link #relay} carries, which this node's subscribers already have, it must come
	 * back to them, but to {@code excluded}, a session of this node or {@code null}. Called
	 * as {@link #relay} is; calls it by default.
	 */
	default void loopBack(String topic, PreparedMessage message, @Nullable WsSession excluded) {
		relay(topic, message);
	}

	/**
	 * This node gained the first subscriber of a topic: it should now receive the topic's
	 * messages from the other nodes.
	 * <p>Called exactly once per such change, and in the order of the changes, never two
	 * calls at once: for one topic, calls of this method and {@link #nodeUnsubscribed}
	 * alternate, starting with this one. Called with no lock of the topics held, by the
	 * thread that subscribed the session or by one that changed another topic at the same
	 * time; so {@code subscribe} may return just before the call. The calls of all topics
	 * wait for each other: hand slow work, such as a round trip to a broker, to another
	 * thread. An exception is logged and ignored.
	 */
	default void nodeSubscribed(String topic) {
	}

	/**
	 * This node lost the last subscriber of a topic: it no longer needs the topic's messages
	 * from the other nodes. Called as {@link #nodeSubscribed} is.
	 */
	default void nodeUnsubscribed(String topic) {
	}

	/**
	 * Carries a message for every session of a user to the other nodes, after it was sent to
	 * the user's sessions on this one ({@link WsTopics#sendToUser}); nothing by default.
	 */
	default void sendToUser(String user, PreparedMessage message) {
	}

}
