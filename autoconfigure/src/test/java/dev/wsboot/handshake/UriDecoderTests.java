package dev.wsboot.handshake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UriDecoder}: percent-decoding as UTF-8 (RFC 3986 §2.1), a path split into
 * segments before any is decoded, and 400 for what cannot be decoded.
 */
class UriDecoderTests {

	@Test
	void splitsThePathIntoSegments() {
		assertThat(UriDecoder.pathSegments("/rooms/lobby")).containsExactly("rooms", "lobby");
		assertThat(UriDecoder.pathSegments("/rooms")).containsExactly("rooms");
	}

	@Test
	void givesTheRootPathNoSegment() {
		assertThat(UriDecoder.pathSegments("/")).isEmpty();
	}

	@Test
	void keepsEmptySegments() {
		assertThat(UriDecoder.pathSegments("/rooms/")).containsExactly("rooms", "");
		assertThat(UriDecoder.pathSegments("/a//b")).containsExactly("a", "", "b");
	}

	@Test
	void decodesEachSegmentAsUtf8() {
		assertThat(UriDecoder.pathSegments("/caf%C3%A9/%E2%82%AC%20%F0%9F%98%80")).containsExactly("café", "€ 😀");
	}

	@Test
	void decodesHexDigitsOfEitherCase() {
		assertThat(UriDecoder.pathSegments("/%c3%a9%C3%A9")).containsExactly("éé");
	}

	@Test
	void keepsAnEncodedSlashInsideItsSegment() {
		assertThat(UriDecoder.pathSegments("/files/a%2Fb/c")).containsExactly("files", "a/b", "c");
	}

	@Test
	void keepsAPlusInAPathAsAPlus() {
		assertThat(UriDecoder.pathSegments("/a+b")).containsExactly("a+b");
	}

	@Test
	void readsAPlusAsASpaceOnlyWhenAsked() {
		assertThat(UriDecoder.decode("a+b%2B", 0, 6, true)).isEqualTo("a b+");
		assertThat(UriDecoder.decode("a+b%2B", 0, 6, false)).isEqualTo("a+b+");
	}

	@Test
	void decodesOnlyTheGivenRange() {
		assertThat(UriDecoder.decode("x=%41%42&y", 2, 8, false)).isEqualTo("AB");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "/a%", "/a%4", "/a%4/b", "/%zz", "/%4g", "/%-1", "/%%41" })
	void refusesMalformedPercentEncodingWith400(String path) {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> UriDecoder.pathSegments(path))
			.withMessageStartingWith("Malformed percent-encoding")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "/%FF", "/%C3", "/%C3%28", "/%C0%AF", "/%ED%A0%80" })
	void refusesBytesThatAreNotUtf8With400(String path) {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> UriDecoder.pathSegments(path))
			.withMessageStartingWith("Percent-encoded bytes that are not UTF-8")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void judgesPercentEncodingWithinTheRangeOnly() {
		// "%4" is cut off by the end of the range although the text goes on.
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> UriDecoder.decode("%41", 0, 2, false));
	}

}
