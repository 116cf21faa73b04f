package dev.wsboot.server;

import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Tests for {@link PathTemplate}: each form of segment, what a declaration may not hold,
 * which template is more specific and which pairs are ambiguous.
 */
class PathTemplateTests {

	@Nested
	class Parsing {

		@Test
		void readsALiteralPathAsLiteralWithoutVariables() {
			PathTemplate template = PathTemplate.parse("/chat/general");
			assertThat(template.isLiteral()).isTrue();
			assertThat(template.variableNames()).isEmpty();
			assertThat(template.pattern()).isEqualTo("/chat/general");
			assertThat(template).hasToString("/chat/general");
		}

		@Test
		void namesTheVariablesOfEveryFormInOrder() {
			PathTemplate template = PathTemplate.parse("/users/{user}/items/{id:\\d+}/{*rest}");
			assertThat(template.isLiteral()).isFalse();
			assertThat(template.variableNames()).containsExactly("user", "id", "rest");
		}

		@Test
		void keepsBracesAndSlashesInsideAnExpression() {
			PathTemplate template = PathTemplate.parse("/codes/{code:[A-Z]{2}\\d{3}}");
			assertThat(template.variableNames()).containsExactly("code");
			assertThat(template.match(List.of("codes", "AB123"))).containsExactly(Map.entry("code", "AB123"));
			assertThat(template.match(List.of("codes", "ABC12"))).isNull();
		}

		@Test
		void acceptsTheRootPath() {
			PathTemplate root = PathTemplate.parse("/");
			assertThat(root.isLiteral()).isTrue();
			assertThat(root.match(List.of())).isEmpty();
			assertThat(root.match(List.of("a"))).isNull();
		}

		@ParameterizedTest(name = "''{0}''")
		@ValueSource(strings = { "", "chat", "{room}", "/chat?x=1", "/chat#top", "/my chat", "/chat\t", "/a\nb" })
		void rejectsAPathThatIsNotAnAbsolutePathWithoutQueryFragmentOrWhitespace(String path) {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(path))
				.withMessageContaining("starts with '/' and has no query, fragment or whitespace");
		}

		@ParameterizedTest(name = "''{0}''")
		@ValueSource(strings = { "/rooms/x{room}", "/rooms/{room}x", "/rooms/{room", "/rooms/room}", "/a{b}c" })
		void rejectsAVariableThatTakesPartOfASegment(String path) {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(path))
				.withMessageContaining("A variable takes a whole segment");
		}

		@ParameterizedTest(name = "''{0}''")
		@ValueSource(strings = { "/{}", "/{1room}", "/{ro.om}", "/{*}", "/{:\\d+}", "/{a}{b}" })
		void rejectsAnInvalidVariableName(String path) {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse(path))
				.withMessageContaining("Invalid variable name");
		}

		@Test
		void rejectsAnInvalidExpressionWithItsDescription() {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/items/{id:[0-9}"))
				.withMessageStartingWith("Invalid expression '[0-9' in '/items/{id:[0-9}'");
		}

		@Test
		void rejectsAVariableNamedTwice() {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/{id}/x/{id:\\d+}"))
				.withMessage("Variable 'id' appears twice in '/{id}/x/{id:\\d+}'");
		}

		@Test
		void rejectsARestVariableBeforeTheLastSegment() {
			assertThatIllegalArgumentException().isThrownBy(() -> PathTemplate.parse("/files/{*path}/raw"))
				.withMessage("{*path} must be the last segment of '/files/{*path}/raw'");
		}

		@Test
		void equalsATemplateOfTheSamePatternOnly() {
			assertThat(PathTemplate.parse("/rooms/{room}")).isEqualTo(PathTemplate.parse("/rooms/{room}"))
				.hasSameHashCodeAs(PathTemplate.parse("/rooms/{room}"))
				.isNotEqualTo(PathTemplate.parse("/rooms/{name}"));
		}

	}

	@Nested
	class Matching {

		@Test
		void matchesALiteralSegmentByEquality() {
			PathTemplate template = PathTemplate.parse("/chat/general");
			assertThat(template.match(List.of("chat", "general"))).isEmpty();
			assertThat(template.match(List.of("chat", "General"))).isNull();
			assertThat(template.match(List.of("chat"))).isNull();
			assertThat(template.match(List.of("chat", "general", "more"))).isNull();
		}

		@Test
		void bindsAPlainVariableToOneNonEmptySegment() {
			PathTemplate template = PathTemplate.parse("/rooms/{room}");
			assertThat(template.match(List.of("rooms", "lobby"))).containsExactly(Map.entry("room", "lobby"));
			assertThat(template.match(List.of("rooms", ""))).isNull();
			assertThat(template.match(List.of("rooms"))).isNull();
			assertThat(template.match(List.of("rooms", "a", "b"))).isNull();
		}

		@Test
		void bindsADecodedSegmentHoldingASlashAsOneValue() {
			assertThat(PathTemplate.parse("/rooms/{room}").match(List.of("rooms", "a/b")))
				.containsExactly(Map.entry("room", "a/b"));
		}

		@Test
		void bindsAnExpressionVariableOnlyWhenTheWholeSegmentMatches() {
			PathTemplate template = PathTemplate.parse("/items/{id:\\d+}");
			assertThat(template.match(List.of("items", "42"))).containsExactly(Map.entry("id", "42"));
			assertThat(template.match(List.of("items", "42a"))).isNull();
			assertThat(template.match(List.of("items", "a42"))).isNull();
			assertThat(PathTemplate.parse("/items/{id:\\d*}").match(List.of("items", ""))).isNull();
		}

		@Test
		void bindsTheRestOfThePathToARestVariable() {
			PathTemplate template = PathTemplate.parse("/files/{*path}");
			assertThat(template.match(List.of("files", "a", "b.txt"))).containsExactly(Map.entry("path", "a/b.txt"));
			assertThat(template.match(List.of("files", "a"))).containsExactly(Map.entry("path", "a"));
			assertThat(template.match(List.of("files", "a", ""))).containsExactly(Map.entry("path", "a/"));
		}

		@Test
		void bindsNothingToARestVariableWhenThePathEndsBeforeIt() {
			assertThat(PathTemplate.parse("/files/{*path}").match(List.of("files")))
				.containsExactly(Map.entry("path", ""));
			assertThat(PathTemplate.parse("/files/{*path}").match(List.of())).isNull();
			assertThat(PathTemplate.parse("/{*all}").match(List.of())).containsExactly(Map.entry("all", ""));
		}

		@Test
		void bindsEveryVariableByName() {
			PathTemplate template = PathTemplate.parse("/users/{user}/items/{id:\\d+}/{*rest}");
			assertThat(template.match(List.of("users", "ada", "items", "7", "x", "y"))).containsExactly(
					Map.entry("user", "ada"), Map.entry("id", "7"), Map.entry("rest", "x/y"));
		}

		@Test
		void givesValuesThatCannotBeChanged() {
			Map<String, String> values = PathTemplate.parse("/rooms/{room}").match(List.of("rooms", "a"));
			assertThat(values).isNotNull();
			assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> values.put("room", "b"));
		}

	}

	@Nested
	class Specificity {

		@ParameterizedTest(name = "{0} before {1}")
		@CsvSource(delimiter = ' ', value = { "/rooms/lobby /rooms/{room:[a-z]+}", "/rooms/{room:[a-z]+} /rooms/{room}",
				"/rooms/{room} /rooms/{*rest}", "/rooms/lobby /rooms/{*rest}", "/a/{b} /{a}/b",
				"/a/{b}/c /a/{b}/{c}", "/a/{x} /a/{x}/{*rest}", "/a/b/c /a/{*rest}" })
		void ordersTheMoreSpecificTemplateFirst(String specific, String general) {
			PathTemplate first = PathTemplate.parse(specific);
			PathTemplate second = PathTemplate.parse(general);
			assertThat(first.compareTo(second)).isNegative();
			assertThat(second.compareTo(first)).isPositive();
			List<PathTemplate> sorted = new ArrayList<>(List.of(second, first));
			sorted.sort(null);
			assertThat(sorted).containsExactly(first, second);
		}

		@Test
		void sortsAMixOfTemplatesMostSpecificFirst() {
			List<PathTemplate> templates = new ArrayList<>(Arrays.stream(new String[] { "/{*all}", "/rooms/{room}",
					"/rooms/{room}/{*rest}", "/rooms/{room:\\d+}", "/rooms/lobby", "/{a}/{b}" })
				.map(PathTemplate::parse)
				.toList());
			templates.sort(null);
			assertThat(templates).extracting(PathTemplate::pattern)
				.containsExactly("/rooms/lobby", "/rooms/{room:\\d+}", "/rooms/{room}", "/rooms/{room}/{*rest}",
						"/{a}/{b}", "/{*all}");
		}

		@ParameterizedTest(name = "{0} and {1}")
		@CsvSource(delimiter = ' ', value = { "/rooms/{room} /rooms/{name}", "/rooms/{a:\\d+} /rooms/{b:[a-z]+}",
				"/files/{*a} /files/{*b}", "/{a}/x/{b} /{c}/x/{d}" })
		void findsTemplatesThatDifferOnlyInTheirVariablesAmbiguous(String one, String other) {
			PathTemplate first = PathTemplate.parse(one);
			PathTemplate second = PathTemplate.parse(other);
			assertThat(first.isAmbiguousWith(second)).isTrue();
			assertThat(second.isAmbiguousWith(first)).isTrue();
		}

		@ParameterizedTest(name = "{0} and {1}")
		@CsvSource(delimiter = ' ', value = { "/rooms/{room} /rooms/{room:\\d+}", "/rooms/{room} /rooms/lobby",
				"/rooms/{room} /rooms/{*rest}", "/rooms/{room} /halls/{room}", "/rooms/{room} /rooms/{room}/x",
				"/a/{b} /{a}/b" })
		void findsTemplatesWithAMoreSpecificOneUnambiguous(String one, String other) {
			PathTemplate first = PathTemplate.parse(one);
			PathTemplate second = PathTemplate.parse(other);
			assertThat(first.isAmbiguousWith(second)).isFalse();
			assertThat(second.isAmbiguousWith(first)).isFalse();
		}

	}

}
