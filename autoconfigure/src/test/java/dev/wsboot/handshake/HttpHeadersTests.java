package dev.wsboot.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class HttpHeadersTests {

	@Nested
	class Lookup {

		private final HttpHeaders headers = HttpHeaders.of("Host", "example.com", "X-Tag", "a", "x-tag", "b");

		@ParameterizedTest
		@ValueSource(strings = { "Host", "host", "HOST", "hOsT" })
		void findsNamesIgnoringCase(String name) {
			assertThat(this.headers.first(name)).isEqualTo("example.com");
			assertThat(this.headers.contains(name)).isTrue();
		}

		@Test
		void returnsTheFirstOfSeveralValues() {
			assertThat(this.headers.first("X-Tag")).isEqualTo("a");
		}

		@Test
		void returnsAllValuesInOrder() {
			assertThat(this.headers.all("X-TAG")).containsExactly("a", "b");
		}

		@Test
		void answersNullOrEmptyForAnAbsentName() {
			assertThat(this.headers.first("Origin")).isNull();
			assertThat(this.headers.all("Origin")).isEmpty();
			assertThat(this.headers.contains("Origin")).isFalse();
		}

		@Test
		void countsEveryField() {
			assertThat(this.headers.size()).isEqualTo(3);
		}

		@Test
		void namesEachNameOnceAsFirstSpelled() {
			assertThat(this.headers.names()).containsExactly("Host", "X-Tag");
		}

		@Test
		void mapsNamesAsFirstSpelledToTheirValues() {
			assertThat(this.headers.asMap()).containsExactly(entry("Host", List.of("example.com")),
					entry("X-Tag", List.of("a", "b")));
		}

		@Test
		void walksFieldsInTheOrderAdded() {
			List<String> seen = new ArrayList<>();
			this.headers.forEach((name, value) -> seen.add(name + "=" + value));
			assertThat(seen).containsExactly("Host=example.com", "X-Tag=a", "x-tag=b");
		}

		@Test
		void hasNoneWhenEmpty() {
			HttpHeaders empty = new HttpHeaders();
			assertThat(empty.size()).isZero();
			assertThat(empty.names()).isEmpty();
			assertThat(empty.asMap()).isEmpty();
		}

	}

	@Nested
	class Tokens {

		@ParameterizedTest(name = "Connection: {0}")
		@ValueSource(strings = { "Upgrade", "upgrade", "keep-alive, Upgrade", "Upgrade,keep-alive", "keep-alive,\tUPGRADE ",
				", , upgrade," })
		void findsATokenInACommaSeparatedList(String value) {
			assertThat(HttpHeaders.of("Connection", value).containsToken("connection", "upgrade")).isTrue();
		}

		@ParameterizedTest(name = "Connection: ''{0}''")
		@ValueSource(strings = { "", "keep-alive", "upgraded", "up grade", "Upgrade; q=1", "\"Upgrade\"" })
		void matchesOnlyWholeElements(String value) {
			assertThat(HttpHeaders.of("Connection", value).containsToken("Connection", "upgrade")).isFalse();
		}

		@Test
		void findsATokenInALaterField() {
			HttpHeaders headers = HttpHeaders.of("Connection", "keep-alive", "Connection", "Upgrade");
			assertThat(headers.containsToken("Connection", "upgrade")).isTrue();
		}

		@Test
		void findsNoTokenInAnAbsentField() {
			assertThat(new HttpHeaders().containsToken("Connection", "upgrade")).isFalse();
		}

		@Test
		void listsTrimmedNonEmptyElementsOfAllFields() {
			HttpHeaders headers = HttpHeaders.of("Sec-WebSocket-Protocol", " chat ,\tsuperchat,,",
					"sec-websocket-protocol", "v2.mqtt");
			assertThat(headers.tokens("Sec-WebSocket-Protocol")).containsExactly("chat", "superchat", "v2.mqtt");
		}

	}

	@Nested
	class Modification {

		@Test
		void addsAfterAllOthers() {
			HttpHeaders headers = new HttpHeaders();
			headers.add("B", "1");
			headers.add("A", "2");
			headers.add("b", "3");
			assertThat(headers).hasToString("[B: 1, A: 2, b: 3]");
		}

		@Test
		void acceptsAnEmptyValue() {
			HttpHeaders headers = new HttpHeaders();
			headers.add("X-Empty", "");
			assertThat(headers.first("x-empty")).isEmpty();
		}

		@ParameterizedTest(name = "''{0}''")
		@ValueSource(strings = { "", "Sec WebSocket", "Host:", "Caf\u00e9", "X\r\nY", "(name)" })
		void rejectsANameThatIsNotAToken(String name) {
			assertThatIllegalArgumentException().isThrownBy(() -> new HttpHeaders().add(name, "value"));
		}

		@ParameterizedTest(name = "{index}")
		@ValueSource(strings = { "a\r\nSet-Cookie: x=y", "a\rb", "a\nb", "a\0b" })
		void rejectsAValueThatCouldEndTheField(String value) {
			assertThatIllegalArgumentException().isThrownBy(() -> new HttpHeaders().add("X", value));
		}

		@ParameterizedTest(name = "{index}")
		@ValueSource(strings = { "\u010D\u010AInjected: 1", "\u0100", "\u20AC5", "\uD83D\uDE00" })
		void refusesAValueWithACharacterAboveLatin1(String value) {
			assertThatIllegalArgumentException().isThrownBy(() -> new HttpHeaders().add("X", value));
		}

		@ParameterizedTest(name = "U+{0}")
		@ValueSource(ints = { 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F })
		void refusesAValueWithAControlCharacterOtherThanTab(int control) {
			assertThatIllegalArgumentException()
					.isThrownBy(() -> new HttpHeaders().add("X", "a" + (char) control + "b"));
		}

		@ParameterizedTest(name = "{index}")
		@ValueSource(strings = { "a\tb", "a b", "caf\u00e9", "\u0080\u00ff", "!~\"<>" })
		void acceptsVisibleCharactersSpacesTabsAndObsText(String value) {
			HttpHeaders headers = new HttpHeaders();
			headers.add("X", value);
			assertThat(headers.first("X")).isEqualTo(value);
		}

		@Test
		void makesReadOnlyHeadersWithOf() {
			assertThatThrownBy(() -> HttpHeaders.of("A", "1").add("B", "2"))
					.isInstanceOf(UnsupportedOperationException.class);
		}

		@Test
		void rejectsAnOddNumberOfStringsInOf() {
			assertThatIllegalArgumentException().isThrownBy(() -> HttpHeaders.of("Host"));
		}

		@Test
		void returnsUnmodifiableViews() {
			HttpHeaders headers = HttpHeaders.of("A", "1");
			assertThatThrownBy(() -> headers.all("A").add("2")).isInstanceOf(UnsupportedOperationException.class);
			assertThatThrownBy(() -> headers.names().add("B")).isInstanceOf(UnsupportedOperationException.class);
			assertThatThrownBy(() -> headers.asMap().put("B", List.of())).isInstanceOf(UnsupportedOperationException.class);
			assertThatThrownBy(() -> headers.asMap().get("A").add("2")).isInstanceOf(UnsupportedOperationException.class);
		}

		@Test
		void copiesIndependentlyOfTheOriginal() {
			HttpHeaders original = new HttpHeaders();
			original.add("A", "1");
			HttpHeaders readOnly = original.readOnlyCopy();
			HttpHeaders copy = readOnly.copy();
			original.add("A", "2");
			copy.add("B", "3");
			assertThat(readOnly.all("A")).containsExactly("1");
			assertThat(copy.asMap()).containsExactly(entry("A", List.of("1")), entry("B", List.of("3")));
		}

	}

	@Nested
	class Equality {

		@Test
		void equalsHeadersWithTheSameFieldsNamesCompareIgnoringCase() {
			HttpHeaders headers = HttpHeaders.of("Host", "a", "Upgrade", "websocket");
			HttpHeaders other = HttpHeaders.of("host", "a", "UPGRADE", "websocket");
			assertThat(headers).isEqualTo(other).hasSameHashCodeAs(other);
		}

		@ParameterizedTest(name = "{0}: {1}")
		@CsvSource({ "Host, A", "Host, 'a '", "Hosts, a" })
		void differsFromHeadersWithAnotherField(String name, String value) {
			assertThat(HttpHeaders.of("Host", "a")).isNotEqualTo(HttpHeaders.of(name, value));
		}

		@Test
		void differsFromTheSameFieldsInAnotherOrder() {
			assertThat(HttpHeaders.of("A", "1", "B", "2")).isNotEqualTo(HttpHeaders.of("B", "2", "A", "1"));
		}

		@Test
		void mapsEqualHeadersToEqualMaps() {
			assertThat(HttpHeaders.of("A", "1").asMap()).isEqualTo(Map.of("A", List.of("1")));
		}

	}

	@Nested
	class Compact {

		private final HttpHeaders headers = HttpHeaders.of("Host", "example.com", "Connection", "keep-alive, Upgrade",
				"X-Latin", "caf\u00e9", "host", "second", "X-Empty", "");

		private final HttpHeaders compact = this.headers.compact();

		@Test
		void readsLikeTheHeadersItWasMadeFrom() {
			assertThat(this.compact).isEqualTo(this.headers).hasSameHashCodeAs(this.headers)
				.hasToString(this.headers.toString());
			assertThat(this.compact.first("HOST")).isEqualTo("example.com");
			assertThat(this.compact.all("host")).containsExactly("example.com", "second");
			assertThat(this.compact.containsToken("Connection", "upgrade")).isTrue();
			assertThat(this.compact.tokens("Connection")).containsExactly("keep-alive", "Upgrade");
			assertThat(this.compact.first("X-Latin")).isEqualTo("caf\u00e9");
			assertThat(this.compact.first("X-Empty")).isEmpty();
			assertThat(this.compact.size()).isEqualTo(5);
			assertThat(this.compact.asMap()).isEqualTo(this.headers.asMap());
		}

		@Test
		void isReadOnlyAndCompactsOnce() {
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(() -> this.compact.add("X-More", "1"));
			assertThat(this.compact.compact()).isSameAs(this.compact);
		}

		@Test
		void aCopyCanBeChangedAgain() {
			HttpHeaders copy = this.compact.copy();
			copy.add("X-More", "1");
			assertThat(copy.first("X-More")).isEqualTo("1");
			assertThat(copy.first("Host")).isEqualTo("example.com");
		}

		@Test
		void noHeadersCompactToNoHeaders() {
			assertThat(new HttpHeaders().compact().size()).isZero();
			assertThat(new HttpHeaders().compact().first("Host")).isNull();
		}

	}

}
