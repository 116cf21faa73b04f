package dev.wsboot.demo;

import dev.wsboot.endpoint.OnClose;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;

/**
 * A chat room on {@code ws.path}: every message goes to every participant, prefixed with
 * the sender's name, which the client gives as {@code ?name=...}.
 */
@WsEndpoint
public class ChatEndpoint {

	private static final String NAME = "name";

	private final WsSessionRegistry sessions;

	public ChatEndpoint(WsSessionRegistry sessions) {
		this.sessions = sessions;
	}

	@OnOpen
	public void join(WsSession session) {
		String name = ChatName.fromQuery(session.query());
		session.attributes().put(NAME, name);
		this.sessions.broadcastText(session.path(), "* " + name + " joined");
	}

	@OnMessage
	public void say(WsSession session, String text) {
		this.sessions.broadcastText(session.path(), session.attributes().get(NAME) + ": " + text);
	}

	@OnClose
	public void leave(WsSession session, CloseStatus status) {
		this.sessions.broadcastText(session.path(), "* " + session.attributes().get(NAME) + " left");
	}

}
