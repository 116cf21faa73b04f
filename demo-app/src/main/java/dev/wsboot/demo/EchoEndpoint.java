package dev.wsboot.demo;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;

/**
 * Echoes every message back: text as text, binary as binary. The handlers never block, so
 * they run on the I/O thread that read the message.
 */
@WsEndpoint(path = "/echo", nonBlocking = true)
public class EchoEndpoint {

	@OnMessage
	public String echo(String text) {
		return text;
	}

	@OnMessage
	public byte[] echo(byte[] data) {
		return data;
	}

}
