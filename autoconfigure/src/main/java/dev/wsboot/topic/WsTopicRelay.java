package dev.wsboot.topic;

import dev.wsboot.server.PreparedMessage;

/**
 * Carries published messages beyond this node, so that subscribers connected to other nodes
 * of a cluster receive them too. Declare a bean of this type to fan out through a broker;
 * each node hands what it receives to {@link WsTopics#deliver}. Delivery to this node's own
 * subscribers never goes through the relay.
 */
@FunctionalInterface
public interface WsTopicRelay {

	/** A relay that carries nothing: a single node. */
	WsTopicRelay NONE = (topic, message) -> {
	};

	/**
	 * Carries one published message to the other nodes. Called once per publish, in the
	 * topic's publish order, while the topic's publishers wait: it must hand the message on
	 * without blocking, such as to a queue the broker's connection drains.
	 */
	void relay(String topic, PreparedMessage message);

}
