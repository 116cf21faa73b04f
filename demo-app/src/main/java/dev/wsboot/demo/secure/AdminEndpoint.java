package dev.wsboot.demo.secure;

import java.security.Principal;

import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * {@code ws://host:8081/admin}, for users whose token has the role {@code ADMIN}
 * ({@code /api/token?user=NAME&role=ADMIN}): others are refused with 403, clients without a
 * valid token with 401. Takes the token as {@code /private} does, and greets alike.
 */
@WsEndpoint(path = "/admin", subprotocols = "demo.v1")
@PreAuthorize("hasRole('ADMIN')")
public class AdminEndpoint {

	@OnOpen
	public void hello(WsSession session, Principal user) {
		session.send(Hello.to(user.getName()));
	}

}
