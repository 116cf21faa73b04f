package dev.wsboot.demo.secure;

import java.security.Principal;

import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * {@code ws://host:8081/private}, for any user with a valid token from {@code /api/token}:
 * in {@code Authorization: Bearer <jwt>}, or, from a browser, as the subprotocol
 * {@code bearer.<jwt>} next to {@code demo.v1}, which is the one selected. Without a valid
 * token the upgrade is refused with 401 and {@code WWW-Authenticate: Bearer}; the session is
 * closed with 1008 when the token expires. It greets the user with
 * {@code {"type":"hello","user":NAME}}.
 */
@WsEndpoint(path = "/private", subprotocols = "demo.v1")
@PreAuthorize("isAuthenticated()")
public class PrivateEndpoint {

	@OnOpen
	public void hello(WsSession session, Principal user) {
		session.send(Hello.to(user.getName()));
	}

}
