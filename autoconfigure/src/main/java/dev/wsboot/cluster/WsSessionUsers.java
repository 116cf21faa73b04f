package dev.wsboot.cluster;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Who a session belongs to, for sending to a user ({@code WsTopics.sendToUser},
 * {@link WsCluster#sendToUser}) and for presence. Without a bean of this type, a session's
 * user is the name of its {@link WsSession#principal() principal}, as the handshake
 * authenticated it (with Spring Security, the {@code Authentication}), found through the
 * registry's index of users; declare a bean to name users otherwise, such as
 * {@link #BY_ATTRIBUTE} for a name the application stores in the session's attributes in
 * its {@code @OnOpen} method. Sends to a user on this node and on the other nodes then follow
 * the bean alike.
 */
@FunctionalInterface
public interface WsSessionUsers {

	/** The attribute {@link #BY_ATTRIBUTE} reads. */
	String ATTRIBUTE = "ws.user";

	/**
	 * The name of the session's principal: the default, whose users' sessions the registry
	 * finds by its index.
	 */
	WsSessionUsers BY_PRINCIPAL = new WsSessionUsers() {

		@Override
		public @Nullable String userOf(WsSession session) {
			Principal principal = session.principal();
			return (principal != null) ? principal.getName() : null;
		}

		@Override
		public Collection<WsSession> sessionsOf(String user, WsSessionRegistry registry) {
			return registry.sessionsOf(user);
		}

	};

	/** Reads the user's name from the session's {@link #ATTRIBUTE} attribute. */
	WsSessionUsers BY_ATTRIBUTE = (session) -> {
		Object user = session.attributes().get(ATTRIBUTE);
		return (user != null) ? user.toString() : null;
	};

	/** The name of the session's user, or {@code null} for an anonymous session. */
	@Nullable String userOf(WsSession session);

	/**
	 * The open sessions of a user among those of a registry, by asking {@link #userOf} of
	 * each session; {@link #BY_PRINCIPAL} asks the registry's index instead.
	 */
	default Collection<WsSession> sessionsOf(String user, WsSessionRegistry registry) {
		List<WsSession> found = new ArrayList<>();
		for (WsSession session : registry.all()) {
			if (user.equals(userOf(session))) {
				found.add(session);
			}
		}
		return found;
	}

}
