package dev.wsboot.cluster;

import java.util.Set;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.topic.WsTopicRelay;

/**
 * The link of this node to the others through a broker: the {@link WsTopicRelay} of the
 * topics, plus messages to one session or one user wherever they are connected, and which
 * nodes and users are online. An implementation hands what it receives for this node to
 * {@link dev.wsboot.topic.WsTopics#deliver} and to {@link WsCluster#deliverToSession} or
 * {@link WsCluster#deliverToUser}. Declared as a bean, it replaces the single node.
 */
public interface WsClusterBroker extends WsTopicRelay {

	/** The id of this node, unique in the cluster. */
	String nodeId();

	/**
	 * Carries a message to a session connected to another node, without waiting: whether
	 * that node still has the session is known there only.
	 */
	void sendToSession(String nodeId, String sessionId, PreparedMessage message);

	/**
	 * Carries a message to the sessions of a user connected to the other nodes, without
	 * waiting; this node's own sessions of the user are not its business.
	 */
	void sendToUser(String user, PreparedMessage message);

	/** The ids of the nodes alive, this one included; may ask the broker, and wait for it. */
	Set<String> nodes();

	/** The users with a session on any node alive; may ask the broker, and wait for it. */
	Set<String> onlineUsers();

}
