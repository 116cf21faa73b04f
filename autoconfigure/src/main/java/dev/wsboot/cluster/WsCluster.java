package dev.wsboot.cluster;

import java.util.Set;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;

/**
 * Messages to one session or one user wherever they are connected, and who is online: on a
 * single node, this node's sessions; with a {@link WsClusterBroker}, those of every node.
 * Available as a bean. Topics reach every node through {@link dev.wsboot.topic.WsTopics}.
 *
 * <p>A session is addressed across nodes by its {@link #addressOf address}, the node's id
 * and the session's, since a session's id is unique on its node only.
 */
public interface WsCluster {

	/** The id of this node, unique in the cluster. */
	String nodeId();

	/** The address of a session of this node, which any node can {@link #sendToSession send to}. */
	String addressOf(WsSession session);

	/**
	 * Sends a message to the session at an address, encoded as topics encode what they
	 * publish: on this node, queued at once; on another, carried there without waiting.
	 * @return false when the session is known to be gone: on this node and not open, or on
	 * another node without a broker to reach it
	 * @throws IllegalArgumentException when the address is not one {@link #addressOf} gives,
	 * or no codec can write the message
	 */
	boolean sendToSession(String address, Object message);

	/**
	 * Sends a message to every session of a user, on every node.
	 * @return how many of this node's sessions it was queued for
	 */
	int sendToUser(String user, Object message);

	/** The users with a session on any node alive; may ask the broker, and wait for it. */
	Set<String> onlineUsers();

	/** The ids of the nodes alive, this one included; may ask the broker, and wait for it. */
	Set<String> nodes();

	/**
	 * Queues a message sent from another node for a session of this node.
	 * @return whether the session is here and it was queued
	 */
	boolean deliverToSession(String sessionId, PreparedMessage message);

	/**
	 * Queues a message sent from another node for this node's sessions of a user.
	 * @return how many sessions it was queued for
	 */
	int deliverToUser(String user, PreparedMessage message);

}
