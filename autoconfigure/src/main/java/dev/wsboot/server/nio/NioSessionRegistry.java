package dev.wsboot.server.nio;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsSessionRegistry} of a {@link NioWsServer}: sessions by id, by endpoint path
 * and by principal name, in concurrent collections so that lookups and broadcasts take no
 * lock. A user's set exists only while the user has sessions.
 */
final class NioSessionRegistry implements WsSessionRegistry {

	/**
	 * Each session keyed by itself, its hash its id's: no boxed id per session. Found by id
	 * through an {@link IdLookup}, which {@link Map#get} compares with the stored keys.
	 */
	private final Map<Object, NioWsSession> byId = new ConcurrentHashMap<>();

	private final Map<String, Set<WsSession>> byTemplate = new ConcurrentHashMap<>();

	private final Map<String, Set<WsSession>> byUser = new ConcurrentHashMap<>();

	private final Collection<WsSession> all = Collections.unmodifiableCollection(this.byId.values());

	NioSessionRegistry(Collection<String> paths) {
		for (String path : paths) {
			this.byTemplate.put(path, ConcurrentHashMap.newKeySet());
		}
	}

	void add(NioWsSession session) {
		this.byId.put(session, session);
		this.byTemplate.get(session.template()).add(session);
		String user = session.principalName();
		if (user != null) {
			this.byUser.compute(user, (name, sessions) -> {
				Set<WsSession> set = (sessions != null) ? sessions : ConcurrentHashMap.newKeySet();
				set.add(session);
				return set;
			});
		}
	}

	boolean remove(NioWsSession session) {
		if (this.byId.remove(session) == null) {
			return false;
		}
		this.byTemplate.get(session.template()).remove(session);
		String user = session.principalName();
		if (user != null) {
			this.byUser.computeIfPresent(user,
					(name, sessions) -> (sessions.remove(session) && sessions.isEmpty()) ? null : sessions);
		}
		return true;
	}

	@Override
	public Collection<WsSession> sessionsOf(String principalName) {
		Set<WsSession> sessions = this.byUser.get(principalName);
		return (sessions != null) ? Collections.unmodifiableSet(sessions) : Set.of();
	}

	@Override
	public Collection<WsSession> sessions(String template) {
		Set<WsSession> sessions = this.byTemplate.get(template);
		return (sessions != null) ? Collections.unmodifiableSet(sessions) : Set.of();
	}

	@Override
	public Collection<WsSession> all() {
		return this.all;
	}

	@Override
	public @Nullable WsSession find(String id) {
		try {
			return this.byId.get(new IdLookup(Long.parseUnsignedLong(id, 16)));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	@Override
	public int count() {
		return this.byId.size();
	}

	/**
	 * The key {@link #find} looks a session up with: equal to the session of its id, with
	 * that session's hash. {@link Map#get} asks the looked-up key whether it equals a stored
	 * one, so the stored sessions keep their identity equality.
	 */
	private static final class IdLookup {

		private final long id;

		IdLookup(long id) {
			this.id = id;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof NioWsSession session && session.numericId() == this.id;
		}

		@Override
		public int hashCode() {
			return NioWsSession.hashOf(this.id);
		}

	}

}
