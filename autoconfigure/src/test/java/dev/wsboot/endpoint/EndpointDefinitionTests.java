package dev.wsboot.endpoint;

import java.nio.ByteBuffer;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link EndpointDefinition}: which endpoint declarations are accepted, and the
 * messages naming class and method for those that are not.
 */
class EndpointDefinitionTests {

	@Test
	void acceptsEveryParameterTypeOfEachAnnotation() {
		assertThatNoException().isThrownBy(() -> TestEndpoints.definition(Complete.class));
	}

	@Test
	void findsInheritedMethods() {
		EndpointDefinition definition = TestEndpoints.definition(Inheriting.class);
		assertThat(definition.text().isHandled()).isTrue();
		assertThat(definition.binary().isHandled()).isFalse();
	}

	@Test
	void tellsTextFromBinaryMethodsByParameterType() {
		EndpointDefinition definition = TestEndpoints.definition(Complete.class);
		assertThat(definition.text().methods()).singleElement()
			.extracting(EndpointMethod::signature)
			.isEqualTo("text(WsSession, CharSequence)");
		assertThat(definition.binary().methods()).singleElement()
			.extracting(EndpointMethod::signature)
			.isEqualTo("binary(ByteBuffer, WsSession)");
	}

	@Test
	void rejectsMessageParameterNoCodecReadsNamingClassAndMethod() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definitionWithoutCodecs(IntegerParameter.class))
			.withMessage("@OnMessage method " + IntegerParameter.class.getName()
					+ ".onMessage(WsSession, Integer) takes a java.lang.Integer, which no message codec reads.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("String or CharSequence for text"));
	}

	@Test
	void takesAnyOtherMessageParameterAsPayloadForTheCodecs() {
		EndpointDefinition definition = TestEndpoints.definition(IntegerParameter.class);
		assertThat(definition.text().methods()).singleElement()
			.extracting(EndpointMethod::signature)
			.isEqualTo("onMessage(WsSession, Integer)");
		assertThat(definition.binary().isHandled()).isFalse();
	}

	@Test
	void rejectsTwoTextMethods() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(TwoTextMethods.class))
			.withMessage("Endpoint " + TwoTextMethods.class.getName()
					+ " cannot tell which @OnMessage method takes a text message: first(String), second(CharSequence).");
	}

	@Test
	void rejectsTwoOpenMethods() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(TwoOpenMethods.class))
			.withMessageContaining("more than one @OnOpen method: a(), b(WsSession)");
	}

	@Test
	void rejectsMessageMethodWithoutMessageParameter() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(NoMessageParameter.class))
			.withMessageContaining(".onMessage(WsSession) declares no message parameter");
	}

	@Test
	void rejectsMessageMethodWithTwoMessageParameters() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(TwoMessageParameters.class))
			.withMessageContaining(".onMessage(String, byte[]) declares more than one message parameter");
	}

	@Test
	void rejectsCloseMethodWithMessageParameter() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(CloseWithMessage.class))
			.withMessage("@OnClose method " + CloseWithMessage.class.getName()
					+ ".closed(String) has a parameter of unsupported type java.lang.String.")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("WsSession, Principal, CloseStatus, @PathParam, @QueryParam"));
	}

	@Test
	void rejectsMessageMethodReturningWhatCannotBeSent() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definitionWithoutCodecs(IntegerReply.class))
			.withMessageContaining(".count(String) returns java.lang.Integer, which cannot be sent");
	}

	@Test
	void acceptsOpenMethodReturningAGreeting() {
		assertThatNoException().isThrownBy(() -> TestEndpoints.definition(OpenReturningText.class));
	}

	@Test
	void rejectsCloseMethodReturningAValue() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(CloseReturningText.class))
			.withMessageContaining("@OnClose method")
			.withMessageContaining(".closed(CloseStatus) returns java.lang.String");
	}

	@Test
	void rejectsMethodWithTwoAnnotations() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(OpenAndClose.class))
			.withMessageContaining(".both(WsSession) is also annotated @OnClose");
	}

	@Test
	void rejectsTwoErrorMethodsForOneExceptionType() {
		assertThatExceptionOfType(WsEndpointDefinitionException.class)
			.isThrownBy(() -> TestEndpoints.definition(TwoErrorMethods.class))
			.withMessageContaining("more than one @OnError method for java.lang.RuntimeException");
	}

	@Test
	void treatsErrorMethodWithoutThrowableParameterAsCatchAll() {
		EndpointDefinition definition = TestEndpoints.definition(Complete.class);
		assertThat(definition.onError(new AssertionError())).isNotNull();
	}

	static class Complete {

		@OnOpen
		void open(WsSession session) {
		}

		@OnMessage
		String text(WsSession session, CharSequence text) {
			return "";
		}

		@OnMessage
		void binary(ByteBuffer data, WsSession session) {
		}

		@OnClose
		void close(CloseStatus status) {
		}

		@OnError
		void error(WsSession session) {
		}

	}

	static class Base {

		@OnMessage
		void text(String text) {
		}

	}

	static class Inheriting extends Base {

	}

	static class IntegerParameter {

		@OnMessage
		void onMessage(WsSession session, Integer number) {
		}

	}

	static class TwoTextMethods {

		@OnMessage
		void first(String text) {
		}

		@OnMessage
		void second(CharSequence text) {
		}

	}

	static class TwoOpenMethods {

		@OnOpen
		void a() {
		}

		@OnOpen
		void b(WsSession session) {
		}

	}

	static class NoMessageParameter {

		@OnMessage
		void onMessage(WsSession session) {
		}

	}

	static class TwoMessageParameters {

		@OnMessage
		void onMessage(String text, byte[] data) {
		}

	}

	static class CloseWithMessage {

		@OnClose
		void closed(String text) {
		}

	}

	static class IntegerReply {

		@OnMessage
		Integer count(String text) {
			return text.length();
		}

	}

	static class CloseReturningText {

		@OnClose
		String closed(CloseStatus status) {
			return "bye";
		}

	}

	static class OpenReturningText {

		@OnOpen
		String greet(WsSession session) {
			return "hello";
		}

	}

	static class OpenAndClose {

		@OnOpen
		@OnClose
		void both(WsSession session) {
		}

	}

	static class TwoErrorMethods {

		@OnError
		void first(RuntimeException ex) {
		}

		@OnError
		void second(RuntimeException ex, WsSession session) {
		}

	}

}
