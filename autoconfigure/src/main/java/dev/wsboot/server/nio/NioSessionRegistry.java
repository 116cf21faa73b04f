package dev.wsboot.server.nio;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsSessionRegistry} of a {@link NioWsServer}: sessions by endpoint path and by
 * principal name, in concurrent collections so that lookups and broadcasts take no lock. A
 * user's set exists only while the user has sessions.
 *
 * <p>A session is entered once per index, keyed by itself (its hash is its id's), so that it
 * costs one map entry and no boxed id. A lookup by id asks each path's map with an
 * {@link IdLookup}: a server has few paths, and so few lookups.
 */
final class NioSessionRegistry implements WsSessionRegistry {

	private final Map<String, Map<Object, NioWsSession>> byTemplate = new ConcurrentHashMap<>();

	/** The path maps, fixed at construction: what {@link #all()} and {@link #find} go through. */
	private final List<Map<Object, NioWsSession>> templates;

	private final Map<String, Set<WsSession>> byUser = new ConcurrentHashMap<>();

	private final Collection<WsSession> all = new AllSessions();

	NioSessionRegistry(Collection<String> paths) {
		for (String path : paths) {
			this.byTemplate.put(path, new ConcurrentHashMap<>());
		}
		this.templates = List.copyOf(this.byTemplate.values());
	}

	void add(NioWsSession session) {
		this.byTemplate.get(session.template()).put(session, session);
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
		if (this.byTemplate.get(session.template()).remove(session) == null) {
			return false;
		}
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
		Map<Object, NioWsSession> sessions = this.byTemplate.get(template);
		return (sessions != null) ? Collections.unmodifiableCollection(sessions.values()) : Set.of();
	}

	@Override
	public Collection<WsSession> all() {
		return this.all;
	}

	@Override
	public @Nullable WsSession find(String id) {
		IdLookup lookup;
		try {
			lookup = new IdLookup(Long.parseUnsignedLong(id, 16));
		}
		catch (NumberFormatException ex) {
			return null;
		}
		for (Map<Object, NioWsSession> sessions : this.templates) {
			NioWsSession session = sessions.get(lookup);
			if (session != null) {
				return session;
			}
		}
		return null;
	}

	@Override
	public int count() {
		int count = 0;
		for (Map<Object, NioWsSession> sessions : this.templates) {
			count += sessions.size();
		}
		return count;
	}

	/** Every path's sessions, one path after the other; as weakly consistent as the maps. */
	private final class AllSessions extends AbstractCollection<WsSession> {

		@Override
		public Iterator<WsSession> iterator() {
			Iterator<Map<Object, NioWsSession>> paths = NioSessionRegistry.this.templates.iterator();
			return new Iterator<>() {

				private Iterator<NioWsSession> current = Collections.emptyIterator();

				@Override
				public boolean hasNext() {
					while (!this.current.hasNext() && paths.hasNext()) {
						this.current = paths.next().values().iterator();
					}
					return this.current.hasNext();
				}

				@Override
				public WsSession next() {
					hasNext();
					return this.current.next();
				}

			};
		}

		@Override
		public int size() {
			return count();
		}

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
