package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.handshake.UriDecoder;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EndpointParameters}: {@link PathParam @PathParam} and
 * {@link QueryParam @QueryParam} values converted when the upgrade request arrives, 400 for
 * what is missing or does not convert, and the declarations refused at start. Each test binds
 * an upgrade as the server would, then opens a session with what was bound.
 */
class EndpointParametersTests {

	private static final String NIL = "00000000-0000-0000-0000-000000000000";

	@Nested
	class PathVariables {

		@Test
		void convertsToNumbersUuidEnumAndBoolean() {
			UUID id = UUID.randomUUID();
			Recorder recorder = open(new TypedPath(), "/typed/{i}/{l}/{n}/{id}/{color}/{flag}",
					"/typed/-7/9000000000/12/" + id + "/GREEN/true");
			assertThat(recorder.values).containsExactly(-7, 9_000_000_000L, 12, id, Color.GREEN, true);
		}

		@Test
		void passesTheDecodedValueToAString() {
			Recorder recorder = open(new StringPath(), "/rooms/{room}", "/rooms/caf%C3%A9%20au%2Flait");
			assertThat(recorder.values).containsExactly("café au/lait");
		}

		@Test
		void takesTheVariableNamedInTheAnnotation() {
			Recorder recorder = open(new NamedPath(), "/rooms/{room}/{name}", "/rooms/lobby/ada");
			assertThat(recorder.values).containsExactly("lobby", "ada");
		}

		@Test
		void wrapsTheValueOfAnOptionalParameter() {
			Recorder recorder = open(new OptionalPath(), "/items/{id}", "/items/5");
			assertThat(recorder.values).containsExactly(Optional.of(5));
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "/typed/x/1/1/" + NIL + "/RED/true", "/typed/1/1.5/1/" + NIL + "/RED/true",
				"/typed/1/1/99999999999/" + NIL + "/RED/true", "/typed/1/1/1/not-a-uuid/RED/true",
				"/typed/1/1/1/" + NIL + "/PURPLE/true", "/typed/1/1/1/" + NIL + "/RED/maybe" })
		void refusesAValueThatDoesNotConvertWith400(String path) {
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new TypedPath(), "/typed/{i}/{l}/{n}/{id}/{color}/{flag}", path))
				.withMessageStartingWith("Invalid path variable '")
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}

		@Test
		void namesTheVariableAndItsTypeWhenRefusing() {
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new OptionalPath(), "/items/{id}", "/items/five"))
				.withMessage("Invalid path variable 'id': 'five' is not a Integer");
		}

		@Test
		void refusesAtStartAVariableThePathDoesNotDeclare() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(StringPath.class, "/rooms/{name}"))
				.withMessageContaining("cannot bind parameter 'room': @PathParam 'room' is not a variable of the path "
						+ "'/rooms/{name}'; its variables are [name]");
		}

		@Test
		void refusesAtStartAPathParameterOnALiteralPath() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(StringPath.class, "/rooms"))
				.withMessageContaining("its variables are []");
		}

	}

	@Nested
	class QueryParameters {

		@Test
		void convertsToNumbersUuidEnumAndBoolean() {
			UUID id = UUID.randomUUID();
			Recorder recorder = open(new TypedQuery(), "/q",
					"/q?i=3&l=-9000000000&n=4&id=" + id + "&color=BLUE&flag=false");
			assertThat(recorder.values).containsExactly(3, -9_000_000_000L, 4, id, Color.BLUE, false);
		}

		@Test
		void decodesTheValueBeforeConverting() {
			Recorder recorder = open(new TypedQuery(), "/q", "/q?i=%33&l=%2B1&n=4&id=" + NIL + "&color=RED&flag=true");
			assertThat(recorder.values).startsWith(3, 1L);
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "i=x", "l=1e3", "n=2147483648", "id=123", "color=PURPLE", "flag=maybe" })
		void refusesAValueThatDoesNotConvertWith400(String bad) {
			String query = "i=1&l=1&n=1&id=" + NIL + "&color=RED&flag=true";
			String name = bad.substring(0, bad.indexOf('='));
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new TypedQuery(), "/q", "/q?" + bad + "&" + query))
				.withMessageStartingWith("Invalid query parameter '" + name + "'")
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}

		@ParameterizedTest(name = "without {0}")
		@ValueSource(strings = { "i", "l", "n", "id", "color", "flag" })
		void refusesAMissingRequiredParameterWith400(String missing) {
			StringBuilder query = new StringBuilder();
			for (String pair : new String[] { "i=1", "l=1", "n=1", "id=" + NIL, "color=RED", "flag=true" }) {
				if (!pair.startsWith(missing + "=")) {
					query.append(pair).append('&');
				}
			}
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new TypedQuery(), "/q", "/q?" + query))
				.withMessage("Missing query parameter '" + missing + "'")
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}

		@ParameterizedTest(name = "empty {0}")
		@ValueSource(strings = { "i", "n", "id", "color", "flag" })
		void refusesAnEmptyValueOfARequiredParameterWith400(String empty) {
			StringBuilder query = new StringBuilder();
			for (String pair : new String[] { "i=1", "l=1", "n=1", "id=" + NIL, "color=RED", "flag=true" }) {
				query.append(pair.startsWith(empty + "=") ? empty + "=" : pair).append('&');
			}
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new TypedQuery(), "/q", "/q?" + query))
				.withMessage("Missing value of query parameter '" + empty + "'")
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}

		@Test
		void takesTheParameterNamedInTheAnnotation() {
			assertThat(open(new NamedQuery(), "/q", "/q?query=no&q=yes&page=no&p=7").values).containsExactly("yes",
					"7");
		}

		@Test
		void takesTheFirstOfRepeatedValuesForASingleParameter() {
			Recorder recorder = open(new NamedQuery(), "/q", "/q?q=first&q=second&p=2");
			assertThat(recorder.values).containsExactly("first", "2");
		}

		@Test
		void takesEveryRepeatedValueInOrderForAList() {
			Recorder recorder = open(new ListQuery(), "/q", "/q?tag=b&n=3&tag=a&n=1&n=2");
			assertThat(recorder.values).containsExactly(List.of("b", "a"), List.of(3, 1, 2));
		}

		@Test
		void givesAnEmptyListForAnAbsentOptionalListParameter() {
			Recorder recorder = open(new ListQuery(), "/q", "/q?tag=x");
			assertThat(recorder.values).containsExactly(List.of("x"), List.of());
		}

		@Test
		void refusesAMissingRequiredListParameterWith400() {
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new ListQuery(), "/q", "/q?n=1"))
				.withMessage("Missing query parameter 'tag'");
		}

		@Test
		void refusesAListWithAValueThatDoesNotConvertWith400() {
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new ListQuery(), "/q", "/q?tag=a&n=1&n=two"))
				.withMessage("Invalid query parameter 'n': 'two' is not a Integer");
		}

		@Test
		void wrapsAnOptionalParameterAndLeavesItEmptyWhenAbsent() {
			assertThat(open(new OptionalQuery(), "/q", "/q?limit=5").values).containsExactly(Optional.of(5),
					Optional.empty());
			assertThat(open(new OptionalQuery(), "/q", "/q").values).containsExactly(Optional.empty(),
					Optional.empty());
			assertThat(open(new OptionalQuery(), "/q", "/q?limit=&name=").values).containsExactly(Optional.empty(),
					Optional.of(""));
		}

		@Test
		void refusesAnOptionalParameterThatDoesNotConvertWith400() {
			assertThatExceptionOfType(HandshakeException.class)
				.isThrownBy(() -> open(new OptionalQuery(), "/q", "/q?limit=many"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		}

		@Test
		void usesTheDefaultValueConvertedWhenAbsentOrEmpty() {
			assertThat(open(new DefaultQuery(), "/q", "/q").values).containsExactly(10, Color.RED, "anonymous");
			assertThat(open(new DefaultQuery(), "/q", "/q?limit=&color=&name=").values).containsExactly(10, Color.RED,
					"anonymous");
			assertThat(open(new DefaultQuery(), "/q", "/q?limit=3&color=BLUE&name=ada").values).containsExactly(3,
					Color.BLUE, "ada");
		}

		@Test
		void givesNullForAnAbsentParameterThatIsNotRequired() {
			assertThat(open(new NotRequiredQuery(), "/q", "/q").values).containsExactly(null, null);
			assertThat(open(new NotRequiredQuery(), "/q", "/q?limit=&name=").values).containsExactly(null, "");
		}

		@Test
		void readsPlusAsSpaceInQueryValues() {
			assertThat(open(new NamedQuery(), "/q", "/q?q=Ada+Lovelace").values).containsExactly("Ada Lovelace", null);
		}

		@Test
		void refusesAtStartAnOptionalPrimitiveWithoutDefault() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(OptionalPrimitiveQuery.class, "/q"))
				.withMessageContaining("@QueryParam 'limit' is optional but of primitive type int; give it a "
						+ "defaultValue or a wrapper type");
		}

		@Test
		void refusesAtStartATypeNoConverterReadsFromText() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(UnconvertibleQuery.class, "/q"))
				.withMessageContaining("cannot bind parameter 'thing'")
				.withMessageContaining("no converter reads a " + Thing.class.getName() + " from text");
		}

	}

	@Test
	void bindsOnceForEveryMethodOfTheSession() {
		SharedParameters endpoint = new SharedParameters();
		WsUpgrade upgrade = upgrade("/rooms/{room}", "/rooms/lobby?user=ada");
		EndpointDefinition definition = TestEndpoints.definition(SharedParameters.class, "/rooms/{room}");
		definition.parameters().check(upgrade);
		FakeWsSession session = session(upgrade);
		WsEndpointHandler handler = handler(definition, endpoint);
		handler.onOpen(session);
		handler.onText(session, "hi");
		assertThat(endpoint.values).containsExactly("open lobby ada", "hi lobby ada");
	}

	@Test
	void leavesTheBoundValuesAsASessionAttribute() {
		WsUpgrade upgrade = upgrade("/rooms/{room}", "/rooms/lobby");
		TestEndpoints.definition(StringPath.class, "/rooms/{room}").parameters().check(upgrade);
		assertThat(upgrade.attributes()).containsKey(EndpointParameters.ATTRIBUTE);
	}

	@Test
	void bindsNothingForAnEndpointWithoutParameters() {
		assertThat(TestEndpoints.definition(NoParameters.class, "/rooms/{room}").parameters().isEmpty()).isTrue();
	}

	/** Binds the upgrade as the server would, then opens a session of the endpoint with it. */
	private static <T extends Recorder> T open(T endpoint, String template, String target) {
		WsUpgrade upgrade = upgrade(template, target);
		EndpointDefinition definition = TestEndpoints.definition(endpoint.getClass(), template);
		definition.parameters().check(upgrade);
		handler(definition, endpoint).onOpen(session(upgrade));
		return endpoint;
	}

	private static WsEndpointHandler handler(EndpointDefinition definition, Object endpoint) {
		return new WsEndpointHandler(definition, () -> endpoint, () -> WsServerObserver.NONE);
	}

	private static WsUpgrade upgrade(String template, String target) {
		int question = target.indexOf('?');
		String path = (question >= 0) ? target.substring(0, question) : target;
		String query = (question >= 0) ? target.substring(question + 1) : null;
		Map<String, String> variables = PathTemplate.parse(template).match(UriDecoder.pathSegments(path));
		assertThat(variables).as("variables of %s in %s", template, path).isNotNull();
		HandshakeRequest request = new HandshakeRequest("GET", target, path, query, "HTTP/1.1", new HttpHeaders());
		return new WsUpgrade(request, template, variables);
	}

	private static FakeWsSession session(WsUpgrade upgrade) {
		FakeWsSession session = new FakeWsSession().at(upgrade.template(), upgrade.pathVariables());
		if (upgrade.request().query() != null) {
			session.withQuery(upgrade.request().query());
		}
		Map<String, Object> attributes = upgrade.attributesIfAny();
		if (attributes != null) {
			session.attributes().putAll(attributes);
		}
		return session;
	}

	enum Color {

		RED, GREEN, BLUE

	}

	/** Has no converter from text: no String constructor, no valueOf, no of. */
	static final class Thing {

		private Thing() {
		}

	}

	abstract static class Recorder {

		final List<@Nullable Object> values = new ArrayList<>();

		void record(@Nullable Object... values) {
			this.values.addAll(Arrays.asList(values));
		}

	}

	static class TypedPath extends Recorder {

		@OnOpen
		void open(@PathParam int i, @PathParam long l, @PathParam Integer n, @PathParam UUID id,
				@PathParam Color color, @PathParam boolean flag) {
			record(i, l, n, id, color, flag);
		}

	}

	static class StringPath extends Recorder {

		@OnOpen
		void open(@PathParam String room) {
			record(room);
		}

	}

	static class NamedPath extends Recorder {

		@OnOpen
		void open(@PathParam("room") String name, @PathParam(name = "name") String room) {
			record(name, room);
		}

	}

	static class OptionalPath extends Recorder {

		@OnOpen
		void open(@PathParam Optional<Integer> id) {
			record(id);
		}

	}

	static class TypedQuery extends Recorder {

		@OnOpen
		void open(@QueryParam int i, @QueryParam long l, @QueryParam Integer n, @QueryParam UUID id,
				@QueryParam Color color, @QueryParam boolean flag) {
			record(i, l, n, id, color, flag);
		}

	}

	static class NamedQuery extends Recorder {

		@OnOpen
		void open(@QueryParam("q") String query, @QueryParam(name = "p", required = false) String page) {
			record(query, page);
		}

	}

	static class ListQuery extends Recorder {

		@OnOpen
		void open(@QueryParam List<String> tag, @QueryParam(required = false) List<Integer> n) {
			record(tag, n);
		}

	}

	static class OptionalQuery extends Recorder {

		@OnOpen
		void open(@QueryParam Optional<Integer> limit, @QueryParam Optional<String> name) {
			record(limit, name);
		}

	}

	static class DefaultQuery extends Recorder {

		@OnOpen
		void open(@QueryParam(defaultValue = "10") int limit, @QueryParam(defaultValue = "RED") Color color,
				@QueryParam(defaultValue = "anonymous") String name) {
			record(limit, color, name);
		}

	}

	static class NotRequiredQuery extends Recorder {

		@OnOpen
		void open(@QueryParam(required = false) Integer limit, @QueryParam(required = false) String name) {
			record(limit, name);
		}

	}

	static class OptionalPrimitiveQuery {

		@OnOpen
		void open(@QueryParam(required = false) int limit) {
		}

	}

	static class UnconvertibleQuery {

		@OnOpen
		void open(@QueryParam Thing thing) {
		}

	}

	static class SharedParameters {

		final List<String> values = new ArrayList<>();

		@OnOpen
		void open(@PathParam String room, @QueryParam String user) {
			this.values.add("open " + room + " " + user);
		}

		@OnMessage
		void message(String text, @QueryParam("user") String name, @PathParam("room") String room) {
			this.values.add(text + " " + room + " " + name);
		}

	}

	static class NoParameters {

		@OnMessage
		void message(String text, WsSession session) {
		}

	}

}
