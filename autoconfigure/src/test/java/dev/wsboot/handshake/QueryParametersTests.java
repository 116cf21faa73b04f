package dev.wsboot.handshake;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link QueryParameters}: names and values decoded, repeated names kept in order,
 * and 400 for bad percent-encoding.
 */
class QueryParametersTests {

	@Test
	void hasNoParametersWithoutAQuery() {
		assertThat(QueryParameters.parse(null)).isSameAs(QueryParameters.NONE);
		assertThat(QueryParameters.parse("")).isSameAs(QueryParameters.NONE);
		assertThat(QueryParameters.NONE.isEmpty()).isTrue();
		assertThat(QueryParameters.NONE.first("a")).isNull();
		assertThat(QueryParameters.NONE.all("a")).isEmpty();
	}

	@Test
	void readsNamesAndValues() {
		QueryParameters parameters = QueryParameters.parse("room=lobby&limit=10");
		assertThat(parameters.first("room")).isEqualTo("lobby");
		assertThat(parameters.first("limit")).isEqualTo("10");
		assertThat(parameters.first("other")).isNull();
		assertThat(parameters.names()).containsExactly("room", "limit");
		assertThat(parameters.isEmpty()).isFalse();
	}

	@Test
	void keepsEveryValueOfARepeatedNameInOrder() {
		QueryParameters parameters = QueryParameters.parse("tag=b&x=1&tag=a&tag=c");
		assertThat(parameters.all("tag")).containsExactly("b", "a", "c");
		assertThat(parameters.first("tag")).isEqualTo("b");
		assertThat(parameters.names()).containsExactly("tag", "x");
		assertThat(parameters.asMap()).containsExactly(Map.entry("tag", List.of("b", "a", "c")),
				Map.entry("x", List.of("1")));
	}

	@Test
	void givesANameWithoutEqualsSignAnEmptyValue() {
		QueryParameters parameters = QueryParameters.parse("debug&x=&y");
		assertThat(parameters.all("debug")).containsExactly("");
		assertThat(parameters.all("x")).containsExactly("");
		assertThat(parameters.all("y")).containsExactly("");
	}

	@Test
	void keepsEqualsSignsAfterTheFirstInTheValue() {
		assertThat(QueryParameters.parse("token=a=b=").first("token")).isEqualTo("a=b=");
	}

	@Test
	void skipsEmptyPairs() {
		QueryParameters parameters = QueryParameters.parse("&a=1&&b=2&");
		assertThat(parameters.names()).containsExactly("a", "b");
	}

	@Test
	void decodesNamesAndValuesAsUtf8WithPlusAsSpace() {
		QueryParameters parameters = QueryParameters.parse("na%6De=Ada+Lovelace&q=caf%C3%A9%2B%26%3D");
		assertThat(parameters.first("name")).isEqualTo("Ada Lovelace");
		assertThat(parameters.first("q")).isEqualTo("café+&=");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "a=%", "a=%2", "a=%zz", "%=1", "a=%FF", "ok=1&bad=%C3" })
	void refusesBadPercentEncodingWith400(String query) {
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> QueryParameters.parse(query))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void cannotBeChanged() {
		QueryParameters parameters = QueryParameters.parse("a=1");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> parameters.asMap().put("b", List.of()));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> parameters.all("a").add("2"));
	}

	@Test
	void equalsParametersOfTheSameNamesAndValues() {
		assertThat(QueryParameters.parse("a=1&b=%32")).isEqualTo(QueryParameters.parse("a=1&b=2"))
			.hasSameHashCodeAs(QueryParameters.parse("a=1&b=2"))
			.isNotEqualTo(QueryParameters.parse("a=1&b=3"));
	}

}
