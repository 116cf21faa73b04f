package dev.wsboot.test.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Variables filled in order, each encoded for where it stands. */
class UriTemplateTests {

	@Test
	void encodesPathSegmentsAndQueryValuesEachTheirWay() {
		assertThat(UriTemplate.expand("/rooms/{room}/{part}?name={name}&n={n}", "a/b c", "x&y", "p&q=r+s#t", 7))
			.isEqualTo("/rooms/a%2Fb%20c/x&y?name=p%26q%3Dr%2Bs%23t&n=7");
	}

	@Test
	void encodesCharactersBeyondAsciiAsUtf8() {
		assertThat(UriTemplate.expand("/rooms/{room}", "caf\u00e9")).isEqualTo("/rooms/caf%C3%A9");
	}

	@Test
	void refusesTooFewOrTooManyValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> UriTemplate.expand("/rooms/{room}"));
		assertThatIllegalArgumentException().isThrownBy(() -> UriTemplate.expand("/rooms", "extra"));
	}

}
