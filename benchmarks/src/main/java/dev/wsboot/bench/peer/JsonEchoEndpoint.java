package dev.wsboot.bench.peer;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;

/**
 * Echoes each {@link ChatMessage} as an application would write it: the endpoint machinery
 * reads the text into the record with the JSON codec, and writes the returned record back.
 */
@WsEndpoint(path = JsonEchoEndpoint.PATH, nonBlocking = true)
class JsonEchoEndpoint {

	static final String PATH = "/json";

	@OnMessage
	ChatMessage echo(ChatMessage message) {
		return message;
	}

}
