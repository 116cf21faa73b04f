package dev.wsboot.test.sample;

import java.util.concurrent.TimeUnit;

import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.PathParam;
import dev.wsboot.endpoint.QueryParam;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;
import dev.wsboot.test.sample.RoomMessages.Said;
import dev.wsboot.test.sample.RoomMessages.Say;
import dev.wsboot.test.sample.RoomMessages.Welcome;
import dev.wsboot.topic.WsTopics;

/**
 * Chat rooms as the demo's: a welcome to each new member, and what a member says to every
 * member of its room, through the topic {@code rooms.<room>}. A line starting with
 * {@code slowly:} is published after 300 ms, as by a handler doing slow work: what a test
 * must not mistake for silence.
 */
@WsEndpoint("/rooms/{room}")
public class RoomEndpoint {

	private final WsTopics topics;

	public RoomEndpoint(WsTopics topics) {
		this.topics = topics;
	}

	@OnOpen
	public void join(WsSession session, @PathParam String room, @QueryParam String name) {
		this.topics.subscribe(session, topic(room));
		session.send(new Welcome(room, name, this.topics.subscriberCount(topic(room))));
	}

	@OnMessage
	public void say(@PathParam String room, @QueryParam String name, Say say) throws InterruptedException {
		if (say.text().startsWith(EchoEndpoint.SLOWLY)) {
			// The slow work itself, on the server: the kit's waits must outlast it.
			TimeUnit.MILLISECONDS.sleep(300);
		}
		this.topics.publish(topic(room), new Said(room, name, say.text()));
	}

	static String topic(String room) {
		return "rooms." + room;
	}

}
