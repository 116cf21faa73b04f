package dev.wsboot.demo.rooms;

import dev.wsboot.cluster.WsSessionUsers;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A room member is the user named by its {@code name} query parameter, so that
 * {@link dev.wsboot.cluster.WsCluster#onlineUsers()} lists who is in a room on any instance
 * and {@link dev.wsboot.cluster.WsCluster#sendToUser} reaches them. An application with
 * authentication would take the principal's name instead.
 */
@Component
public class RoomMembers implements WsSessionUsers {

	@Override
	public @Nullable String userOf(WsSession session) {
		return session.template().startsWith("/rooms/") ? session.queryParameters().first("name") : null;
	}

}
