package dev.wsboot.demo.rooms;

import dev.wsboot.demo.rooms.ClientMessage.Say;
import dev.wsboot.demo.rooms.RoomMessage.Joined;
import dev.wsboot.demo.rooms.RoomMessage.Left;
import dev.wsboot.demo.rooms.RoomMessage.Said;
import dev.wsboot.demo.rooms.RoomMessage.Welcome;
import dev.wsboot.endpoint.OnClose;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.PathParam;
import dev.wsboot.endpoint.QueryParam;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;
import dev.wsboot.topic.WsTopics;

/**
 * Chat rooms: {@code ws://host:8081/rooms/{room}?name=NAME}, where the room is 1 to 32
 * lower-case letters, digits and dashes (any other path is refused with 404) and the name is
 * required (400 without it, or when blank).
 *
 * <ul>
 * <li>A new member gets {@code {"type":"welcome","room":...,"name":...,"members":N}} first,
 * N counting itself.
 * <li>{@code {"type":"say","text":...}} from a member reaches every member of the room, the
 * sender included, as {@code {"type":"said","room":...,"name":...,"text":...}}; other rooms
 * get nothing.
 * <li>Malformed JSON, or a {@code say} without text, closes the session with 1007; a type
 * other than {@code say} with 1003.
 * <li>With {@code presence=true} a member also hears when others join or leave
 * ({@code joined}, {@code left}); without it, welcome and said are all it ever receives.
 * </ul>
 *
 * <p>Each room is two topics: its lines, which every member subscribes to, and its presence
 * notices, which only members that asked for them do.
 */
@WsEndpoint("/rooms/{room:[a-z0-9-]{1,32}}")
public class RoomEndpoint {

	private final WsTopics topics;

	private final RoomLocks locks = new RoomLocks();

	public RoomEndpoint(WsTopics topics) {
		this.topics = topics;
	}

	/**
	 * Joins a room, holding its lock, so that no line reaches the new member before its
	 * welcome, none published once the welcome is out misses it, and members joining at once
	 * are counted one after the other.
	 */
	@OnOpen
	public void join(WsSession session, @PathParam String room, @QueryParam MemberName name,
			@QueryParam(defaultValue = "false") boolean presence) {
		this.locks.run(room, () -> {
			if (!this.topics.subscribe(session, lines(room))) {
				return; // closing already: it gets no welcome, and no one hears of it
			}
			int members = this.topics.subscriberCount(lines(room));
			session.send(new Welcome(room, name, members));
			this.topics.publish(notices(room), new Joined(room, name, members));
			if (presence) {
				this.topics.subscribe(session, notices(room));
			}
		});
	}

	/** Says a line to the room, holding its lock, so that it reaches each member after its welcome. */
	@OnMessage
	public void say(@PathParam String room, @QueryParam MemberName name, Say say) {
		this.locks.run(room, () -> this.topics.publish(lines(room), new Said(room, name, say.text())));
	}

	/**
	 * Leaves the room now rather than after this method, as the session would anyway, so that
	 * the count in the notice leaves it out.
	 */
	@OnClose
	public void leave(WsSession session, @PathParam String room, @QueryParam MemberName name) {
		this.locks.run(room, () -> {
			if (this.topics.unsubscribe(session, lines(room))) {
				this.topics.unsubscribe(session, notices(room));
				this.topics.publish(notices(room), new Left(room, name, this.topics.subscriberCount(lines(room))));
			}
		});
	}

	/** The topic of a room's lines, which every member subscribes to. */
	private static String lines(String room) {
		return "rooms." + room;
	}

	/** The topic of a room's presence notices, which members that ask for them subscribe to. */
	private static String notices(String room) {
		return "rooms." + room + ".presence";
	}

}
