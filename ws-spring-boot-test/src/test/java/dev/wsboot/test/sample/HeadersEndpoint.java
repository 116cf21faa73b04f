package dev.wsboot.test.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;

/** Sends a new session the request headers tests set, as JSON: what the server received. */
@WsEndpoint("/headers")
public class HeadersEndpoint {

	@OnOpen
	public void open(WsSession session) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : new String[] { "Authorization", "Cookie", "Origin", "X-Test" }) {
			String value = session.headers().first(name);
			if (value != null) {
				headers.put(name, value);
			}
		}
		headers.put("query", String.valueOf(session.query()));
		session.send(headers);
	}

}
