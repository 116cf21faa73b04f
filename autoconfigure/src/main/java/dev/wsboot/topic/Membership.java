package dev.wsboot.topic;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * The topics of one session, kept in its attributes so that it goes with the session. Once
 * the session has finished, it is ended and takes no new topic, so that a subscribe racing
 * with the end of the session cannot leave the session in a topic.
 *
 * <p>Its lock is taken before a topic's, never after.
 */
final class Membership {

	/** The key of a session's membership among its attributes. */
	static final String ATTRIBUTE = Membership.class.getName();

	/** Stands for the membership of a session that finished without ever subscribing. */
	private static final Membership ENDED = new Membership(true);

	/** The topics joined, by name, in the order joined; guarded by this. */
	final Map<String, Topic> topics = new LinkedHashMap<>();

	/** Guarded by this. */
	boolean ended;

	private Membership(boolean ended) {
		this.ended = ended;
	}

	/** The session's membership, made on first use. */
	static Membership of(WsSession session) {
		return (Membership) session.attributes().computeIfAbsent(ATTRIBUTE, (key) -> new Membership(false));
	}

	/** The session's membership, or {@code null} if it never had one. */
	static @Nullable Membership find(WsSession session) {
		return (Membership) session.attributes().get(ATTRIBUTE);
	}

	/**
	 * The membership of a session that finished, to be ended: the one it has, or the shared
	 * ended one put in its place, which no subscribe after this can replace.
	 */
	static Membership finishing(WsSession session) {
		Object existing = session.attributes().putIfAbsent(ATTRIBUTE, ENDED);
		return (existing != null) ? (Membership) existing : ENDED;
	}

}
