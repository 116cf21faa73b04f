package dev.wsboot.testsupport;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;

/** Sends every message back as it came: text as text, binary as binary. */
public class EchoHandler implements WsHandler {

	@Override
	public void onText(WsSession session, String text) {
		session.sendText(text);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		session.sendBinary(data);
	}

}
