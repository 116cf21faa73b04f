package dev.wsboot.context;

import dev.wsboot.server.WsServer;

import org.springframework.context.ApplicationEvent;

/**
 * Published by {@link WsServerBootstrap} once the {@link WsServer} is listening, for
 * example to learn the port it bound when {@code ws.port} is 0.
 */
public class WsServerInitializedEvent extends ApplicationEvent {

	public WsServerInitializedEvent(WsServer server) {
		super(server);
	}

	/** The server that was started. */
	public WsServer getServer() {
		return getSource();
	}

	@Override
	public WsServer getSource() {
		return (WsServer) super.getSource();
	}

}
