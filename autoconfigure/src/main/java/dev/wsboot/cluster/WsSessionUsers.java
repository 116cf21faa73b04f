package dev.wsboot.cluster;

import java.security.Principal;

import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * Who a session belongs to, for sending to a user and for presence. By default the name of
 * the session's {@link WsSession#principal() principal}, as the handshake authenticated it
 * (with Spring Security, the {@code Authentication}), or else the name an application stores
 * in the session's attributes under {@link #ATTRIBUTE}, typically in its {@code @OnOpen}
 * method once it knows the user; declare a bean to find it otherwise.
 */
@FunctionalInterface
public interface WsSessionUsers {

	/** The attribute holding the name of a session's user, by default. */
	String ATTRIBUTE = "ws.user";

	/** Reads the user's name from the session's {@link #ATTRIBUTE} attribute. */
	WsSessionUsers BY_ATTRIBUTE = (session) -> {
		Object user = session.attributes().get(ATTRIBUTE);
		return (user != null) ? user.toString() : null;
	};

	/** The principal's name, or else the {@link #ATTRIBUTE} attribute: the default. */
	WsSessionUsers BY_PRINCIPAL_OR_ATTRIBUTE = (session) -> {
		Principal principal = session.principal();
		return (principal != null) ? principal.getName() : BY_ATTRIBUTE.userOf(session);
	};

	/** The name of the session's user, or {@code null} for an anonymous session. */
	@Nullable String userOf(WsSession session);

}
