package dev.wsboot.topic;

import java.util.List;
import java.util.Set;

import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;

/**
 * Named groups of sessions, such as the members of a chat room, that one publish reaches:
 * the message is encoded and framed once, and every subscriber's connection writes the same
 * bytes. Available as a bean.
 *
 * <pre class="code">
 * &#64;WsEndpoint("/rooms/{room}")
 * class RoomEndpoint {
 *
 *     private final WsTopics topics;
 *
 *     &#64;OnOpen
 *     void join(WsSession session, &#64;PathParam String room) {
 *         topics.subscribe(session, room);
 *     }
 *
 *     &#64;OnMessage
 *     void say(WsSession session, &#64;PathParam String room, Say say) {
 *         topics.publish(room, new Said(room, say.text()));
 *     }
 *
 * }
 * </pre>
 *
 * <p>Every method may be called from any thread, handler methods included. Every
 * subscriber sees a topic's messages in the order they were published, whichever threads
 * publish: publishes to one topic are serialized, while a publish only queues the message
 * for each subscriber, without waiting for any connection. A subscription ends when the
 * session does, however it ends, after its {@code @OnClose} method, so that method still
 * sees the session's topics. A subscriber whose connection does not keep up is closed, or
 * misses messages, by the policy configured for the topic ({@code ws.topics.*}); messages
 * never pile up for it without bound.
 *
 * <p>Publishing also hands the message to the {@link WsTopicRelay}, if the application has
 * one, to reach the subscribers connected to other nodes; delivery to this node's
 * subscribers stays direct, unless the relay {@link WsTopicRelay#loopsBack loops the topic
 * back} so that every node sees one order per topic.
 */
public interface WsTopics {

	/**
	 * Subscribes an open session to a topic, made if it has no subscriber yet.
	 * @return true if it was not subscribed yet; false if it was, or is closing or has ended
	 */
	boolean subscribe(WsSession session, String topic);

	/**
	 * Ends a session's subscription.
	 * @return true if it was subscribed
	 */
	boolean unsubscribe(WsSession session, String topic);

	/** The topics a session is subscribed to, in the order it subscribed, as a copy. */
	Set<String> topicsOf(WsSession session);

	/**
	 * Sends a message to every subscriber of a topic, encoding it once: text for a
	 * {@link CharSequence}, binary for bytes, a {@link PreparedMessage} as it is, anything
	 * else through the application's message codecs (JSON by default).
	 * @return how many of this node's subscribers it was queued for: not those closing, nor
	 * those its policy found too slow
	 * @throws IllegalArgumentException when no codec can write the message
	 */
	int publish(String topic, Object message);

	/**
	 * {@link #publish(String, Object)} to every subscriber but one, typically the sender,
	 * which this node's subscribers only can be.
	 */
	int publishExcept(String topic, Object message, WsSession excluded);

	/**
	 * Sends a message that was published elsewhere, such as on another node, to this node's
	 * subscribers only, without relaying it again.
	 * @return how many subscribers it was queued for
	 */
	int deliver(String topic, PreparedMessage message);

	/**
	 * {@link #deliver(String, PreparedMessage)} to every subscriber but one, for a message
	 * published here with {@link #publishExcept} that came back from a relay. By default,
	 * topics that cannot exclude a subscriber deliver it to every one.
	 * @return how many subscribers it was queued for
	 */
	default int deliverExcept(String topic, PreparedMessage message, WsSession excluded) {
		return deliver(topic, message);
	}

	/**
	 * Sends a message to every session of one user, on every endpoint: the sessions whose
	 * {@link WsSession#principal() principal} is named {@code user}, see
	 * {@link dev.wsboot.server.WsSessionRegistry#sessionsOf(String)}, and, with a cluster
	 * ({@code ws.cluster.enabled}), the user's sessions on the other nodes. Encoded once, as
	 * {@link #publish} does; no topic is needed.
	 * @return how many sessions on this node it was queued for
	 * @throws IllegalArgumentException when no codec can write the message
	 */
	int sendToUser(String user, Object message);

	/** The sessions subscribed to a topic on this node, as a copy. */
	List<WsSession> subscribers(String topic);

	/** How many sessions are subscribed to a topic on this node. */
	int subscriberCount(String topic);

	/** The topics with at least one subscriber on this node, as a copy. */
	Set<String> topics();

}
