package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MessageDispatch}: several {@link OnMessage @OnMessage} methods taking
 * payloads of one polymorphic base, the message decoded once and handed to the method of the
 * closest type, and the declarations that cannot be told apart refused at start.
 */
class MessageDispatchTests {

	private final FakeWsSession session = new FakeWsSession();

	@Nested
	class SealedBase {

		@Test
		void givesEachSubtypeToItsMethod() {
			SealedEndpoint endpoint = new SealedEndpoint();
			WsEndpointHandler handler = handler(endpoint);
			handler.onText(MessageDispatchTests.this.session, "{\"type\":\"chat\",\"text\":\"hi\"}");
			handler.onText(MessageDispatchTests.this.session, "{\"type\":\"join\",\"name\":\"ada\"}");
			assertThat(endpoint.calls).containsExactly("chat hi", "join ada");
		}

		@Test
		void givesASubtypeWithoutItsOwnMethodToTheMethodOfItsBase() {
			// Jackson 3 finds the permitted subclasses of a sealed base without @JsonSubTypes;
			// one without @JsonTypeName has its class name, without the package, as type id.
			SealedEndpoint endpoint = new SealedEndpoint();
			handler(endpoint).onText(MessageDispatchTests.this.session,
					"{\"type\":\"MessageDispatchTests$Leave\",\"name\":\"bob\"}");
			assertThat(endpoint.calls).containsExactly("any Leave[name=bob]");
		}

		@Test
		void decodesOnceIntoTheBaseOfTheMethodsTypes() {
			assertThat(TestEndpoints.definition(SealedEndpoint.class).text().methods())
				.extracting(EndpointMethod::signature)
				.containsExactly("chat(Chat)", "join(WsSession, Join)", "any(Event)");
		}

	}

	@Nested
	class JsonTypeInfoBase {

		@Test
		void givesEachSubtypeOfAnAnnotatedInterfaceToItsMethod() {
			ShapeEndpoint endpoint = new ShapeEndpoint();
			WsEndpointHandler handler = handler(endpoint);
			handler.onText(MessageDispatchTests.this.session, "{\"kind\":\"circle\",\"radius\":2}");
			handler.onText(MessageDispatchTests.this.session, "{\"kind\":\"square\",\"side\":3}");
			assertThat(endpoint.calls).containsExactly("circle 2", "square 3");
		}

		@Test
		void givesEachSubclassOfAnAnnotatedAbstractClassToItsMethod() {
			CommandEndpoint endpoint = new CommandEndpoint();
			WsEndpointHandler handler = handler(endpoint);
			handler.onText(MessageDispatchTests.this.session, "{\"@type\":\"start\",\"id\":1}");
			handler.onText(MessageDispatchTests.this.session, "{\"@type\":\"stop\",\"id\":2}");
			assertThat(endpoint.calls).containsExactly("start 1", "stop 2");
		}

		@Test
		void closesWith1003WhenNoMethodTakesTheSubtypeTheMessageNames() {
			ShapeEndpoint endpoint = new ShapeEndpoint();
			handler(endpoint).onText(MessageDispatchTests.this.session, "{\"kind\":\"triangle\",\"side\":3}");
			assertThat(endpoint.calls).isEmpty();
			assertThat(MessageDispatchTests.this.session.closeStatus()).isNotNull()
				.satisfies((status) -> assertThat(status.code()).isEqualTo(CloseCodes.UNSUPPORTED_DATA))
				.satisfies((status) -> assertThat(status.reason()).isEqualTo("No method takes a Triangle"));
		}

	}

	@Nested
	class MostSpecificMethod {

		@Test
		void winsOverTheMethodOfItsBaseWhateverTheOrderOfTheMethods() {
			// Methods in the order checked (by name): base of one branch, another branch, the leaf.
			HierarchyEndpoint endpoint = new HierarchyEndpoint();
			WsEndpointHandler handler = handler(endpoint);
			handler.onText(MessageDispatchTests.this.session, "{\"type\":\"text\",\"text\":\"hi\"}");
			handler.onText(MessageDispatchTests.this.session, "{\"type\":\"sticker\",\"id\":7}");
			handler.onText(MessageDispatchTests.this.session, "{\"type\":\"ping\"}");
			handler.onText(MessageDispatchTests.this.session, "{\"type\":\"pong\"}");
			assertThat(endpoint.calls).containsExactly("text hi", "chat Sticker[id=7]", "ping", "event Pong[]");
		}

		@Test
		void isTriedFirst() {
			assertThat(TestEndpoints.definition(HierarchyEndpoint.class).text().methods())
				.extracting(EndpointMethod::signature)
				.containsExactly("c(Text)", "b(Ping)", "a(ChatPayload)", "z(Payload)");
		}

	}

	@Nested
	class Ambiguity {

		@Test
		void refusesTwoMethodsForOnePayloadTypeAtStart() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(TwoMethodsForOneType.class))
				.withMessage("Endpoint " + TwoMethodsForOneType.class.getName()
						+ " cannot tell which @OnMessage method takes a text message: first(Chat), second(Chat).")
				.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("Give each method its own payload type."));
		}

		@Test
		void refusesPayloadTypesWithoutAPolymorphicBaseAtStart() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(UnrelatedPayloads.class))
				.withMessageContaining("cannot tell which @OnMessage method takes a text message: first(First), "
						+ "second(Second).")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("a sealed interface or class, or one "
						+ "annotated @JsonTypeInfo"));
		}

		@Test
		void refusesPayloadTypesWhoseOnlyCommonBaseIsNotPolymorphicAtStart() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(PlainInterfacePayloads.class))
				.withMessageContaining("cannot tell which @OnMessage method takes a text message");
		}

		@Test
		void refusesTextTakenAsItIsBesideAPayloadMethodAtStart() {
			assertThatExceptionOfType(WsEndpointDefinitionException.class)
				.isThrownBy(() -> TestEndpoints.definition(RawAndPayload.class))
				.withMessageContaining("cannot tell which @OnMessage method takes a text message: raw(String), "
						+ "chat(Chat).")
				.satisfies((ex) -> assertThat(ex.getAction()).contains("Keep one method taking the text as it is"));
		}

		@Test
		void acceptsBinaryTakenAsItIsBesideTextPayloadMethods() {
			EndpointDefinition definition = TestEndpoints.definition(BinaryAndPayloads.class);
			assertThat(definition.text().methods()).hasSize(2);
			assertThat(definition.binary().methods()).extracting(EndpointMethod::signature)
				.containsExactly("bytes(byte[])");
		}

	}

	private static WsEndpointHandler handler(Object endpoint) {
		return TestEndpoints.handler(endpoint, WsServerObserver.NONE);
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	sealed interface Event permits Chat, Join, Leave {

	}

	@JsonTypeName("chat")
	record Chat(String text) implements Event {
	}

	@JsonTypeName("join")
	record Join(String name) implements Event {
	}

	record Leave(String name) implements Event {
	}

	static class SealedEndpoint {

		final List<String> calls = new ArrayList<>();

		@OnMessage
		void chat(Chat chat) {
			this.calls.add("chat " + chat.text());
		}

		@OnMessage
		void join(WsSession session, Join join) {
			this.calls.add("join " + join.name());
		}

		@OnMessage
		void any(Event event) {
			this.calls.add("any " + event);
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Circle.class, name = "circle"),
			@JsonSubTypes.Type(value = Square.class, name = "square"),
			@JsonSubTypes.Type(value = Triangle.class, name = "triangle") })
	interface Shape {

	}

	record Circle(int radius) implements Shape {
	}

	record Square(int side) implements Shape {
	}

	record Triangle(int side) implements Shape {
	}

	static class ShapeEndpoint {

		final List<String> calls = new ArrayList<>();

		@OnMessage
		void circle(Circle circle) {
			this.calls.add("circle " + circle.radius());
		}

		@OnMessage
		void square(Square square) {
			this.calls.add("square " + square.side());
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
	@JsonSubTypes({ @JsonSubTypes.Type(value = Start.class, name = "start"),
			@JsonSubTypes.Type(value = Stop.class, name = "stop") })
	abstract static class Command {

		public int id;

	}

	static class Start extends Command {

	}

	static class Stop extends Command {

	}

	static class CommandEndpoint {

		final List<String> calls = new ArrayList<>();

		@OnMessage
		void start(Start start) {
			this.calls.add("start " + start.id);
		}

		@OnMessage
		void stop(Stop stop) {
			this.calls.add("stop " + stop.id);
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	sealed interface Payload permits ChatPayload, Ping, Pong {

	}

	sealed interface ChatPayload extends Payload permits Text, Sticker {

	}

	@JsonTypeName("text")
	record Text(String text) implements ChatPayload {
	}

	@JsonTypeName("sticker")
	record Sticker(int id) implements ChatPayload {
	}

	@JsonTypeName("ping")
	record Ping() implements Payload {
	}

	@JsonTypeName("pong")
	record Pong() implements Payload {
	}

	/** Checked in name order: a branch's base, another branch, the first branch's leaf, the root. */
	static class HierarchyEndpoint {

		final List<String> calls = new ArrayList<>();

		@OnMessage
		void a(ChatPayload chat) {
			this.calls.add("chat " + chat);
		}

		@OnMessage
		void b(Ping ping) {
			this.calls.add("ping");
		}

		@OnMessage
		void c(Text text) {
			this.calls.add("text " + text.text());
		}

		@OnMessage
		void z(Payload payload) {
			this.calls.add("event " + payload);
		}

	}

	static class TwoMethodsForOneType {

		@OnMessage
		void first(Chat chat) {
		}

		@OnMessage
		void second(Chat chat) {
		}

	}

	record First(String a) {
	}

	record Second(String b) {
	}

	static class UnrelatedPayloads {

		@OnMessage
		void first(First first) {
		}

		@OnMessage
		void second(Second second) {
		}

	}

	interface Plain {

	}

	record PlainA(String a) implements Plain {
	}

	record PlainB(String b) implements Plain {
	}

	static class PlainInterfacePayloads {

		@OnMessage
		void a(PlainA a) {
		}

		@OnMessage
		void b(PlainB b) {
		}

	}

	static class RawAndPayload {

		@OnMessage
		void raw(String text) {
		}

		@OnMessage
		void chat(Chat chat) {
		}

	}

	static class BinaryAndPayloads {

		@OnMessage
		void bytes(byte[] data) {
		}

		@OnMessage
		void chat(Chat chat) {
		}

		@OnMessage
		void join(Join join) {
		}

	}

}
