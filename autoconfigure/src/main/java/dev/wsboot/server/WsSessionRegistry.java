package dev.wsboot.server;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The open sessions of the server, to find them and to broadcast. Available as a bean.
 * Collections returned are live, unmodifiable views: safe to iterate while sessions come
 * and go, without a copy per call.
 */
public interface WsSessionRegistry {

	/**
	 * The open sessions of the endpoint declared at {@code template}, such as
	 * {@code /rooms/{room}} (or {@code /chat} for a literal path).
	 */
	Collection<WsSession> sessions(String template);

	/**
	 * The open sessions whose handshake asked for exactly {@code path}, such as
	 * {@code /rooms/lobby}. A scan of every session: for groups looked up often, keep them in
	 * topics instead.
	 */
	default List<WsSession> sessionsAt(String path) {
		return all().stream().filter((session) -> session.path().equals(path)).toList();
	}

	/**
	 * The open sessions of one user, the {@link WsSession#principal() principal} named
	 * {@code principalName}, on every endpoint.
	 */
	default Collection<WsSession> sessionsOf(String principalName) {
		return all().stream()
			.filter((session) -> session.principal() != null && principalName.equals(session.principal().getName()))
			.toList();
	}

	/** Every open session. */
	Collection<WsSession> all();

	/** The session with this id, or {@code null}. */
	@Nullable WsSession find(String id);

	/** How many sessions are open. */
	int count();

	/**
	 * Sends one message to every open session of the endpoint declared at {@code template},
	 * encoding it once.
	 * @return how many sessions it was queued for
	 */
	default int broadcast(String template, PreparedMessage message) {
		int queued = 0;
		for (WsSession session : sessions(template)) {
			if (session.send(message) == SendResult.QUEUED) {
				queued++;
			}
		}
		return queued;
	}

	/** {@link #broadcast(String, PreparedMessage)} of a text message. */
	default int broadcastText(String template, CharSequence text) {
		return broadcast(template, PreparedMessage.text(text));
	}

}
