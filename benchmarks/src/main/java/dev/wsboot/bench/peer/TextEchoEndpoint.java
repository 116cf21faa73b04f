package dev.wsboot.bench.peer;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;

/**
 * Echoes text through the same endpoint machinery as {@link JsonEchoEndpoint}, without a
 * codec: what is left of the typed echo's cost once the JSON is taken out.
 */
@WsEndpoint(path = TextEchoEndpoint.PATH, nonBlocking = true)
class TextEchoEndpoint {

	static final String PATH = "/text";

	@OnMessage
	String echo(String text) {
		return text;
	}

}
