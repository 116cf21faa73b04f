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
 * <p>Each path holds its sessions in a {@link SessionTable}, which keeps the sessions
 * themselves in an array, found by their numeric id: an open connection may idle for days,
 * and a map would cost each one an entry object besides its slot. A lookup by id asks each
 * path's table: a server has few paths, and so few lookups.
 */
final class NioSessionRegistry implements WsSessionRegistry {

	private final Map<String, SessionTable<NioWsSession>> byTemplate = new ConcurrentHashMap<>();

	/** The path tables, fixed at construction: what {@link #all()} and {@link #find} go through. */
	private final List<SessionTable<NioWsSession>> templates;

	private final Map<String, Set<WsSession>> byUser = new ConcurrentHashMap<>();

	private final Collection<WsSession> all = new AllSessions();

	NioSessionRegistry(Collection<String> paths) {
		for (String path : paths) {
			this.byTemplate.put(path, new SessionTable<>(NioWsSession::numericId));
		}
		this.templates = List.copyOf(this.byTemplate.values());
	}

	void add(NioWsSession session) {
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
		if (!this.byTemplate.get(session.template()).remove(session)) {
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
		SessionTable<NioWsSession> sessions = this.byTemplate.get(template);
		// The wrapper widens the element type; the view is read-only already.
		return (sessions != null) ? Collections.unmodifiableCollection(new PathSessions(sessions)) : Set.of();
	}

	@Override
	public Collection<WsSession> all() {
		return this.all;
	}

	@Override
	public @Nullable WsSession find(String id) {
		long numericId;
		try {
			numericId = Long.parseUnsignedLong(id, 16);
		}
		catch (NumberFormatException ex) {
			return null;
		}
		for (SessionTable<NioWsSession> sessions : this.templates) {
			NioWsSession session = sessions.find(numericId);
			if (session != null) {
				return session;
			}
		}
		return null;
	}

	@Override
	public int count() {
		int count = 0;
		for (SessionTable<NioWsSession> sessions : this.templates) {
			count += sessions.size();
		}
		return count;
	}

	/** One path's sessions, read-only: the table's iterator cannot remove. */
	private static final class PathSessions extends AbstractCollection<NioWsSession> {

		private final SessionTable<NioWsSession> sessions;

		PathSessions(SessionTable<NioWsSession> sessions) {
			this.sessions = sessions;
		}

		@Override
		public Iterator<NioWsSession> iterator() {
			return this.sessions.iterator();
		}

		@Override
		public int size() {
			return this.sessions.size();
		}

	}

	/** Every path's sessions, one path after the other; as weakly consistent as the tables. */
	private final class AllSessions extends AbstractCollection<WsSession> {

		@Override
		public Iterator<WsSession> iterator() {
			Iterator<SessionTable<NioWsSession>> paths = NioSessionRegistry.this.templates.iterator();
			return new Iterator<>() {

				private Iterator<NioWsSession> current = Collections.emptyIterator();

				@Override
				public boolean hasNext() {
					while (!this.current.hasNext() && paths.hasNext()) {
						this.current = paths.next().iterator();
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

}
