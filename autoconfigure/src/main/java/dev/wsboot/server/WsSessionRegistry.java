package dev.wsboot.server;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * The open sessions of the server, to find them and to broadcast. Available as a bean.
 * Collections returned are live, unmodifiable views: safe to iterate while sessions come
 * and go, without a copy per call.
 */
public interface WsSessionRegistry {

	/** The open sessions of the endpoint at {@code path}. */
	Collection<WsSession> sessions(String path);

	/** Every open session. */
	Collection<WsSession> all();

	/** The session with this id, or {@code null}. */
	@Nullable WsSession find(String id);

	/** How many sessions are open. */
	int count();

	/**
	 * Sends one message to every open session of the endpoint at {@code path}, encoding it
	 * once.
	 * @return how many sessions it was queued for
	 */
	default int broadcast(String path, PreparedMessage message) {
		int queued = 0;
		for (WsSession session : sessions(path)) {
			if (session.send(message) == SendResult.QUEUED) {
				queued++;
			}
		}
		return queued;
	}

	/** {@link #broadcast(String, PreparedMessage)} of a text message. */
	default int broadcastText(String path, CharSequence text) {
		return broadcast(path, PreparedMessage.text(text));
	}

}
