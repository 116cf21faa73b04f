package dev.wsboot.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.wsboot.endpoint.PointCodec.Point;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The programming model end to end: a Spring application with Jackson and Bean Validation,
 * its server on a free port, and real clients. Path and query parameters are bound before the
 * upgrade, typed messages are dispatched by subtype, and each bad message earns its close code
 * over the wire. One application serves every test; each test opens its own sessions.
 */
class TypedEndpointIntegrationTests {

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void startApplication() {
		SpringApplication application = new SpringApplication(TypedApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		context = application.run("--ws.port=0", "--ws.shutdown-timeout=1s");
		port = LocalPort.of(context);
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	@Nested
	class BeforeTheUpgrade {

		@Test
		void bindsPathAndQueryParametersAndSendsWhatOpenSendsAsJson() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port,
					"/rooms/caf%C3%A9?user=ada&level=HIGH&seat=3&seat=4&muted=true");
			assertThat(read(client.nextText(), Welcome.class))
				.isEqualTo(new Welcome("café", "ada", 10, Level.HIGH, List.of(3, 4), true));
			client.close();
		}

		@Test
		void usesTheDefaultsOfAbsentParameters() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port, "/rooms/hall?user=bob&limit=3");
			assertThat(read(client.nextText(), Welcome.class))
				.isEqualTo(new Welcome("hall", "bob", 3, null, List.of(), false));
			client.close();
		}

		@Test
		void convertsPathVariablesOfTemplatesWithAnExpressionAndOfUuids() throws Exception {
			UUID id = UUID.randomUUID();
			JdkWsClient order = JdkWsClient.connect(port, "/orders/" + id);
			assertThat(order.nextText()).isEqualTo("order " + id);
			order.close();
			JdkWsClient item = JdkWsClient.connect(port, "/items/42");
			assertThat(item.nextText()).isEqualTo("item 42");
			item.close();
		}

		@Test
		void takesAnEmptyValueAsTextButAnEmptyNumberAsAbsent() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port, "/rooms/empty?user=&limit=&muted=");
			assertThat(read(client.nextText(), Welcome.class))
				.isEqualTo(new Welcome("empty", "", 10, null, List.of(), false));
			client.close();
		}

		@ParameterizedTest(name = "{0} -> {1}")
		@CsvSource({ "/rooms/refused, 400", "/rooms/refused?user=a&limit=ten, 400",
				"/rooms/refused?user=a&level=EXTREME, 400",
				"/rooms/refused?user=a&seat=1&seat=x, 400", "/rooms/refused?user=a&muted=maybe, 400",
				"/rooms/refused?user=%zz, 400", "/rooms/%zz?user=a, 400", "/orders/not-a-uuid, 400",
				"/items/99999999999999999999, 400", "/items/abc, 404", "/rooms, 404", "/rooms/, 404",
				"/rooms/refused/more?user=a, 404", "/nowhere, 404" })
		void refusesWithAnHttpStatusAndNo101(String target, int status) {
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.send(UpgradeRequest.to(target, port).bytes());
				HttpResponse response = client.readHttpResponse();
				assertThat(response.status()).as("answer to %s: %s", target, response).isEqualTo(status);
				assertThat(response.header("Sec-WebSocket-Accept")).isNull();
				client.expectEof();
			}
			assertThat(context.getBean(RoomEndpoint.class).opened).doesNotContain("refused");
		}

		@Test
		void namesTheParameterInTheRefusal() {
			try (RawWsClient client = RawWsClient.connect(port)) {
				client.send(UpgradeRequest.to("/rooms/refused?user=a&limit=ten", port).bytes());
				assertThat(client.readHttpResponse().bodyText())
					.contains("Invalid query parameter 'limit': 'ten' is not a int");
			}
		}

	}

	@Nested
	class TypedMessages {

		@Test
		void givesEachSubtypeToItsMethodWithResolvedArguments() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port, "/rooms/lobby?user=ada");
			client.nextText();
			client.sendText("{\"type\":\"say\",\"text\":\"hello\"}");
			assertThat(read(client.nextText(), Said.class)).isEqualTo(new Said("lobby", "ada", "hello"));
			client.close();
		}

		@Test
		void sendsWhatACompletionStageCompletesWith() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port, "/rooms/lobby?user=ada");
			client.nextText();
			client.sendText("{\"type\":\"shout\",\"text\":\"hello\"}");
			assertThat(read(client.nextText(), Said.class)).isEqualTo(new Said("lobby", "ada", "HELLO"));
			client.close();
		}

		@Test
		void givesASubtypeWithoutItsOwnMethodToTheMethodOfTheBase() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port, "/rooms/lobby?user=ada");
			client.nextText();
			client.sendText("{\"type\":\"leave\"}");
			assertThat(client.awaitCloseCode()).isEqualTo(CloseCodes.NORMAL);
		}

		@Test
		void readsAPayloadWithTheApplicationsCodecBeforeJson() throws Exception {
			// "3,4" is not JSON: only the application's codec reads it.
			JdkWsClient client = JdkWsClient.connect(port, "/points");
			assertThat(client.echo("3,4")).isEqualTo("4,3");
			client.close();
		}

		@Test
		void givesTextAndBytesToMethodsAsTheyAre() throws Exception {
			JdkWsClient client = JdkWsClient.connect(port, "/raw");
			assertThat(client.echo("{not json")).isEqualTo("{not json");
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.nextBinary()).containsExactly(1, 2, 3);
			client.close();
		}

	}

	@Nested
	class BadMessages {

		@Test
		void closesWith1007ForMalformedJson() {
			try (RawWsClient client = openRoom()) {
				client.sendText("{\"type\":\"say\",");
				assertThat(client.expectClose(CloseCodes.INVALID_PAYLOAD).closeReason()).isEqualTo("Malformed JSON");
			}
		}

		@Test
		void closesWith1003ForAnUnknownMessageType() {
			try (RawWsClient client = openRoom()) {
				client.sendText("{\"type\":\"dance\"}");
				assertThat(client.expectClose(CloseCodes.UNSUPPORTED_DATA).closeReason())
					.isEqualTo("Unknown message type 'dance'");
			}
		}

		@Test
		void closesWith1007ForAPayloadThatFailsValidation() {
			try (RawWsClient client = openRoom()) {
				client.sendText("{\"type\":\"say\",\"text\":\" \"}");
				assertThat(client.expectClose(CloseCodes.INVALID_PAYLOAD).closeReason())
					.isEqualTo("Invalid Say: text must not be blank");
			}
		}

		@Test
		void closesWith1003ForAFrameTypeNoMethodTakes() {
			try (RawWsClient client = openRoom()) {
				client.sendBinary(new byte[] { 1 });
				client.expectClose(CloseCodes.UNSUPPORTED_DATA);
			}
		}

		@Test
		void letsAnErrorMethodForDecodeErrorsAnswerAndKeepsTheSessionOpen() {
			try (RawWsClient client = RawWsClient.open(port, "/lenient")) {
				client.sendText("{\"text\":");
				client.expectText("rejected 1007: Malformed JSON");
				client.sendText("{\"text\":\"\"}");
				client.expectText("rejected 1007: Invalid Note: text must not be blank");
				client.sendText("{\"text\":\"fine\"}");
				client.expectText("noted fine");
			}
		}

	}

	@Nested
	class Sessions {

		@Test
		void groupsSessionsByTemplateAndFindsThemByThePathTheyAskedFor() throws Exception {
			JdkWsClient ada = JdkWsClient.connect(port, "/rooms/registry-a?user=ada");
			JdkWsClient bob = JdkWsClient.connect(port, "/rooms/registry-a?user=bob");
			JdkWsClient eve = JdkWsClient.connect(port, "/rooms/registry-b?user=eve");
			WsSessionRegistry registry = context.getBean(WsSessionRegistry.class);
			TestWsServer.eventually().untilAsserted(() -> {
				assertThat(registry.sessionsAt("/rooms/registry-a")).hasSize(2);
				assertThat(registry.sessionsAt("/rooms/registry-b")).singleElement()
					.satisfies((session) -> assertThat(session.queryParameters().first("user")).isEqualTo("eve"));
			});
			assertThat(registry.sessions("/rooms/{room}")).containsAll(registry.sessionsAt("/rooms/registry-a"))
				.containsAll(registry.sessionsAt("/rooms/registry-b"))
				.allSatisfy((session) -> assertThat(session.template()).isEqualTo("/rooms/{room}"));
			assertThat(registry.sessions("/rooms/registry-a")).isEmpty();
			assertThat(registry.sessionsAt("/rooms/{room}")).isEmpty();
			assertThat(registry.sessionsAt("/rooms/registry-a"))
				.allSatisfy((session) -> assertThat(session.pathVariables()).containsEntry("room", "registry-a"));
			ada.close();
			bob.close();
			eve.close();
		}

	}

	@Nested
	class FailuresAtStart {

		private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, JacksonAutoConfiguration.class))
			.withPropertyValues("ws.port=0");

		@Test
		void refusesTwoEndpointsWhoseTemplatesCouldServeOnePath() {
			this.contextRunner.withUserConfiguration(MemberResolver.class, RoomEndpoint.class, OtherRoomEndpoint.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(WsEndpointDefinitionException.class)
					.hasMessageContaining("at '/rooms/{room}' and")
					.hasMessageContaining("at '/rooms/{name}' could both serve the same request path, and neither "
							+ "is more specific."));
		}

		@Test
		void acceptsEndpointsWhoseTemplatesOverlapWithOneMoreSpecific() {
			this.contextRunner.withUserConfiguration(MemberResolver.class, RoomEndpoint.class, LobbyEndpoint.class)
				.run((context) -> assertThat(context).hasNotFailed());
		}

		@Test
		void refusesMessageMethodsItCannotTellApart() {
			this.contextRunner.withUserConfiguration(AmbiguousEndpoint.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(WsEndpointDefinitionException.class)
					.hasMessageContaining("cannot tell which @OnMessage method takes a text message"));
		}

		@Test
		void refusesAnEndpointParameterTheTemplateDoesNotDeclare() {
			this.contextRunner.withUserConfiguration(MissingVariableEndpoint.class)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(WsEndpointDefinitionException.class)
					.hasMessageContaining("@PathParam 'room' is not a variable of the path '/halls/{hall}'"));
		}

	}

	private static RawWsClient openRoom() {
		RawWsClient client = RawWsClient.open(port, "/rooms/bad-messages?user=mallory");
		ServerFrame welcome = client.readFrame();
		assertThat(new String(welcome.payload(), StandardCharsets.UTF_8)).contains("\"room\":\"bad-messages\"");
		return client;
	}

	private static <T> T read(String json, Class<T> type) {
		return JsonMapper.shared().readValue(json, type);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WsAutoConfiguration.class, JacksonAutoConfiguration.class,
			ValidationAutoConfiguration.class })
	@Import({ RoomEndpoint.class, OrderEndpoint.class, ItemEndpoint.class, LenientEndpoint.class,
			PointEndpoint.class, RawEndpoint.class, MemberResolver.class })
	static class TypedApplication {

		@Bean
		PointCodec pointCodec() {
			return new PointCodec();
		}

	}

	enum Level {

		LOW, HIGH

	}

	record Welcome(String room, String user, int limit, @Nullable Level level, List<Integer> seats, boolean muted) {
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	sealed interface RoomMessage permits Say, Shout, Leave {

	}

	@JsonTypeName("say")
	record Say(@NotBlank String text) implements RoomMessage {
	}

	@JsonTypeName("shout")
	record Shout(String text) implements RoomMessage {
	}

	@JsonTypeName("leave")
	record Leave() implements RoomMessage {
	}

	record Said(String room, String user, String text) {
	}

	/** Who sent a message: the {@code user} of the session's query, supplied by {@link MemberResolver}. */
	record Member(String name) {
	}

	static class MemberResolver implements WsArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Member.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WsInvocation invocation) {
			return new Member(String.valueOf(invocation.session().queryParameters().first("user")));
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		final Set<String> opened = ConcurrentHashMap.newKeySet();

		@OnOpen
		void open(WsSession session, @PathParam String room, @QueryParam String user,
				@QueryParam(defaultValue = "10") int limit, @QueryParam Optional<Level> level,
				@QueryParam(name = "seat", required = false) List<Integer> seats,
				@QueryParam(defaultValue = "false") boolean muted) {
			this.opened.add(room);
			session.send(new Welcome(room, user, limit, level.orElse(null), seats, muted));
		}

		@OnMessage
		Said say(@Valid Say say, Member member, @PathParam String room) {
			return new Said(room, member.name(), say.text());
		}

		@OnMessage
		CompletableFuture<Said> shout(Shout shout, Member member, @PathParam String room) {
			return CompletableFuture
				.supplyAsync(() -> new Said(room, member.name(), shout.text().toUpperCase(Locale.ROOT)));
		}

		@OnMessage
		void other(RoomMessage message, WsSession session) {
			session.close();
		}

	}

	@WsEndpoint("/rooms/{name}")
	static class OtherRoomEndpoint {

		@OnMessage
		void text(String text) {
		}

	}

	@WsEndpoint("/rooms/lobby")
	static class LobbyEndpoint {

		@OnMessage
		void text(String text) {
		}

	}

	@WsEndpoint("/orders/{id}")
	static class OrderEndpoint {

		@OnOpen
		String open(@PathParam UUID id) {
			return "order " + id;
		}

	}

	@WsEndpoint("/items/{id:\\d+}")
	static class ItemEndpoint {

		@OnOpen
		String open(@PathParam long id) {
			return "item " + id;
		}

	}

	record Note(@NotBlank String text) {
	}

	@WsEndpoint("/lenient")
	static class LenientEndpoint {

		@OnMessage
		String note(@Valid Note note) {
			return "noted " + note.text();
		}

		@OnError
		String rejected(WsDecodeException ex) {
			return "rejected " + ex.closeCode() + ": " + ex.getMessage();
		}

	}

	@WsEndpoint("/points")
	static class PointEndpoint {

		@OnMessage
		Point swap(Point point) {
			return new Point(point.y(), point.x());
		}

	}

	@WsEndpoint("/raw")
	static class RawEndpoint {

		@OnMessage
		String text(String text) {
			return text;
		}

		@OnMessage
		byte[] bytes(byte[] data) {
			return data;
		}

	}

	@WsEndpoint("/ambiguous")
	static class AmbiguousEndpoint {

		@OnMessage
		void say(Say say) {
		}

		@OnMessage
		void note(Note note) {
		}

	}

	@WsEndpoint("/halls/{hall}")
	static class MissingVariableEndpoint {

		@OnOpen
		void open(@PathParam String room) {
		}

	}

}
