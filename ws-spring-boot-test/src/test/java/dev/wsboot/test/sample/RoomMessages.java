package dev.wsboot.test.sample;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The messages of the rooms, told apart by their {@code type} property. */
public final class RoomMessages {

	private RoomMessages() {
	}

	/** What members send; another {@code type} is unsupported data, 1003. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes(@JsonSubTypes.Type(value = Say.class, name = "say"))
	public sealed interface ClientMessage {

	}

	/** A line for the room; without text it is invalid data, 1007. */
	public record Say(String text) implements ClientMessage {

		public Say {
			Objects.requireNonNull(text, "text");
		}

	}

	/** What the room sends. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
			@JsonSubTypes.Type(value = Said.class, name = "said") })
	public sealed interface RoomMessage {

	}

	/** To a new member: where, as whom, and how many members there are now. */
	public record Welcome(String room, String name, int members) implements RoomMessage {

	}

	/** To every member of the room. */
	public record Said(String room, String name, String text) implements RoomMessage {

	}

}
