package dev.wsboot.cluster;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsCluster} of this node's sessions, reaching the other nodes through a
 * {@link WsClusterBroker} when there is one; alone, it is a single node called
 * {@value #SINGLE_NODE_ID}.
 *
 * <p>A user's sessions on this node are found by a scan of the open sessions, each asked
 * its {@link WsSessionUsers user}: fine for occasional messages to users, not for many per
 * second over many sessions, which an index of sessions by user would serve.
 */
public class DefaultWsCluster implements WsCluster {

	/** The id of a node without a broker. */
	public static final String SINGLE_NODE_ID = "local";

	private static final char ADDRESS_SEPARATOR = '/';

	private final WsMessageEncoder encoder;

	private final Supplier<WsSessionRegistry> sessions;

	private final Supplier<@Nullable WsClusterBroker> broker;

	private final WsSessionUsers users;

	/**
	 * @param encoder turns messages into frames, once per message
	 * @param sessions this node's sessions, asked at each use: the server may start after this
	 * @param broker the link to the other nodes, asked at each use; {@code null} for none
	 * @param users who each session belongs to
	 */
	public DefaultWsCluster(WsMessageEncoder encoder, Supplier<WsSessionRegistry> sessions,
			Supplier<@Nullable WsClusterBroker> broker, WsSessionUsers users) {
		this.encoder = encoder;
		this.sessions = sessions;
		this.broker = broker;
		this.users = users;
	}

	@Override
	public String nodeId() {
		WsClusterBroker broker = this.broker.get();
		return (broker != null) ? broker.nodeId() : SINGLE_NODE_ID;
	}

	@Override
	public String addressOf(WsSession session) {
		return nodeId() + ADDRESS_SEPARATOR + session.id();
	}

	@Override
	public boolean sendToSession(String address, Object message) {
		// Neither a node id nor a session id holds the separator.
		int separator = address.lastIndexOf(ADDRESS_SEPARATOR);
		if (separator <= 0 || separator == address.length() - 1) {
			throw new IllegalArgumentException("Not a session address: '" + address + "'");
		}
		String node = address.substring(0, separator);
		String sessionId = address.substring(separator + 1);
		PreparedMessage prepared = this.encoder.encode(message);
		if (node.equals(nodeId())) {
			return deliverToSession(sessionId, prepared);
		}
		WsClusterBroker broker = this.broker.get();
		if (broker == null) {
			return false;
		}
		broker.sendToSession(node, sessionId, prepared);
		return true;
	}

	@Override
	public int sendToUser(String user, Object message) {
		PreparedMessage prepared = this.encoder.encode(message);
		int queued = deliverToUser(user, prepared);
		WsClusterBroker broker = this.broker.get();
		if (broker != null) {
			broker.sendToUser(user, prepared);
		}
		return queued;
	}

	@Override
	public boolean deliverToSession(String sessionId, PreparedMessage message) {
		WsSession session = this.sessions.get().find(sessionId);
		return session != null && session.send(message) == SendResult.QUEUED;
	}

	@Override
	public int deliverToUser(String user, PreparedMessage message) {
		int queued = 0;
		for (WsSession session : this.users.sessionsOf(user, this.sessions.get())) {
			if (session.send(message) == SendResult.QUEUED) {
				queued++;
			}
		}
		return queued;
	}

	@Override
	public Set<String> onlineUsers() {
		WsClusterBroker broker = this.broker.get();
		return (broker != null) ? broker.onlineUsers() : localUsers();
	}

	/** The users with a session on this node, sorted. */
	public Set<String> localUsers() {
		Set<String> online = new TreeSet<>();
		for (WsSession session : this.sessions.get().all()) {
			String user = this.users.userOf(session);
			if (user != null) {
				online.add(user);
			}
		}
		return online;
	}

	@Override
	public Set<String> nodes() {
		WsClusterBroker broker = this.broker.get();
		return (broker != null) ? broker.nodes() : Set.of(SINGLE_NODE_ID);
	}

}
