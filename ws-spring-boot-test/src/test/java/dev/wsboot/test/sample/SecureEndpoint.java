package dev.wsboot.test.sample;

import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;

/** Behind the {@link BearerTokenHandshake}: welcomes whoever got in. */
@WsEndpoint("/secure")
public class SecureEndpoint {

	@OnOpen
	public void open(WsSession session) {
		session.sendText("in");
	}

}
