package dev.wsboot.demo.rooms;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The name a member gives with {@code ?name=...}, kept as given, written to JSON as a plain
 * string. The conversion service makes one of the query parameter through this record's
 * constructor, so that a blank name, which no one could be addressed by, is refused with 400
 * before the upgrade, as a missing one is.
 *
 * @param value the name, not blank
 */
public record MemberName(@JsonValue String value) {

	public MemberName {
		if (value.isBlank()) {
			throw new IllegalArgumentException("A member's name must not be blank");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
