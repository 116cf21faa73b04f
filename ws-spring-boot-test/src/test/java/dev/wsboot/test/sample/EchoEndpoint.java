package dev.wsboot.test.sample;

import java.util.concurrent.TimeUnit;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;

/**
 * Echoes text and binary messages, in the subprotocols {@code v2} and {@code v1}. Text
 * starting with {@code slowly:} is answered with the rest after 300 ms, as a handler doing
 * slow work would: what a test must not mistake for silence.
 */
@WsEndpoint(path = "/echo", subprotocols = { "v2", "v1" })
public class EchoEndpoint {

	static final String SLOWLY = "slowly:";

	@OnMessage
	public String echo(String text) throws InterruptedException {
		if (text.startsWith(SLOWLY)) {
			// The slow work itself, on the server: the kit's waits must outlast it.
			TimeUnit.MILLISECONDS.sleep(300);
			return text.substring(SLOWLY.length());
		}
		return text;
	}

	@OnMessage
	public byte[] echo(byte[] data) {
		return data;
	}

}
