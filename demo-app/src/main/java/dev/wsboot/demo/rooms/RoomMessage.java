package dev.wsboot.demo.rooms;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a room sends to its members, written as JSON with the {@code type} property first
 * and then the components in the order declared.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = RoomMessage.Welcome.class, name = "welcome"),
		@JsonSubTypes.Type(value = RoomMessage.Said.class, name = "said"),
		@JsonSubTypes.Type(value = RoomMessage.Joined.class, name = "joined"),
		@JsonSubTypes.Type(value = RoomMessage.Left.class, name = "left") })
public sealed interface RoomMessage {

	/**
	 * To a new member only, before anything else: where it is, as whom, and how many members
	 * the room has now, the new one included.
	 */
	record Welcome(String room, MemberName name, int members) implements RoomMessage {
	}

	/** To every member of the room, the one who said it included. */
	record Said(String room, MemberName name, String text) implements RoomMessage {
	}

	/**
	 * To the other members that asked for presence notices ({@code presence=true}): someone
	 * joined; {@code members} counts them.
	 */
	record Joined(String room, MemberName name, int members) implements RoomMessage {
	}

	/** To the members that asked for presence notices: someone left; {@code members} is what remains. */
	record Left(String room, MemberName name, int members) implements RoomMessage {
	}

}
