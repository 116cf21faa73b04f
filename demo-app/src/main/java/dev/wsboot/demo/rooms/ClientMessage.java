package dev.wsboot.demo.rooms;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a member sends to its room, told apart by its {@code type} property. A type not
 * listed here closes the session with 1003 (unsupported data).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes(@JsonSubTypes.Type(value = ClientMessage.Say.class, name = "say"))
public sealed interface ClientMessage {

	/**
	 * {@code {"type":"say","text":...}}: a line for everyone in the room.
	 * @param text what is said; required, so that a {@code say} without it (or with
	 * {@code null}) is invalid data, 1007, rather than a line of {@code null}
	 */
	record Say(String text) implements ClientMessage {

		public Say {
			Objects.requireNonNull(text, "text");
		}

	}

}
