package dev.wsboot.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.MethodParameter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReturnValues}: what a method returns is sent, a {@code CompletionStage} when
 * it completes, and {@link WsReturnValueHandler} beans are asked first.
 */
class ReturnValuesTests {

	private final FakeWsSession session = new FakeWsSession();

	@Test
	void sendsAReturnedObjectAsJson() {
		handler(new ReplyingEndpoint()).onText(this.session, "ada");
		assertThat(sentTexts()).containsExactly("{\"to\":\"ada\",\"text\":\"hello\"}");
	}

	@Test
	void sendsWhatACompletionStageCompletesWithOnlyOnceItCompletes() {
		AsyncEndpoint endpoint = new AsyncEndpoint();
		handler(endpoint).onText(this.session, "ada");
		assertThat(this.session.sent()).isEmpty();
		endpoint.pending.complete(new Reply("ada", "later"));
		assertThat(sentTexts()).containsExactly("{\"to\":\"ada\",\"text\":\"later\"}");
		assertThat(this.session.closeStatus()).isNull();
	}

	@Test
	void sendsTextACompletionStageCompletesWithAsText() {
		TextAsyncEndpoint endpoint = new TextAsyncEndpoint();
		handler(endpoint).onText(this.session, "ada");
		assertThat(this.session.sent()).containsExactly("hi ada");
	}

	@Test
	void sendsNothingForACompletionStageCompletingWithNull() {
		AsyncEndpoint endpoint = new AsyncEndpoint();
		handler(endpoint).onText(this.session, "ada");
		endpoint.pending.complete(null);
		assertThat(this.session.sent()).isEmpty();
		assertThat(this.session.closeStatus()).isNull();
	}

	@Test
	void closesWith1011WhenACompletionStageFails() {
		AsyncEndpoint endpoint = new AsyncEndpoint();
		handler(endpoint).onText(this.session, "ada");
		endpoint.pending.completeExceptionally(new IllegalStateException("lost"));
		assertThat(this.session.sent()).isEmpty();
		assertThat(this.session.closeStatus()).isNotNull()
			.satisfies((status) -> assertThat(status.code()).isEqualTo(CloseCodes.INTERNAL_ERROR));
	}

	@Test
	void closesWith1011WhenWhatACompletionStageCompletesWithCannotBeSent() {
		ObjectAsyncEndpoint endpoint = new ObjectAsyncEndpoint();
		handler(endpoint).onText(this.session, "ada");
		endpoint.pending.complete(new Unwritable());
		assertThat(this.session.sent()).isEmpty();
		assertThat(this.session.closeStatus()).isNotNull()
			.satisfies((status) -> assertThat(status.code()).isEqualTo(CloseCodes.INTERNAL_ERROR));
	}

	@Test
	void failsTheCallWhenAReturnedValueCannotBeSent() {
		WsEndpointHandler handler = handler(new ObjectEndpoint());
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> handler.onText(this.session, "x"))
			.withMessageContaining("as JSON");
	}

	@Test
	void asksAReturnValueHandlerBeforeSending() {
		List<String> handled = new ArrayList<>();
		WsReturnValueHandler counting = new WsReturnValueHandler() {

			@Override
			public boolean supportsReturnType(MethodParameter returnType) {
				return returnType.getParameterType() == Reply.class;
			}

			@Override
			public void handleReturnValue(@Nullable Object returnValue, MethodParameter returnType,
					WsSession session) {
				handled.add(returnType.getMethod().getName() + " " + returnValue);
			}

		};
		handler(new ReplyingEndpoint(), counting).onText(this.session, "ada");
		assertThat(handled).containsExactly("reply Reply[to=ada, text=hello]");
		assertThat(this.session.sent()).isEmpty();
	}

	private List<String> sentTexts() {
		return this.session.sent()
			.stream()
			.map((sent) -> (sent instanceof PreparedMessage prepared)
					? new String(prepared.payload(), StandardCharsets.UTF_8) : sent.toString())
			.toList();
	}

	private static WsEndpointHandler handler(Object endpoint, WsReturnValueHandler... handlers) {
		EndpointSupport support = new EndpointSupport(List.of(), List.of(handlers),
				new EndpointCodecs(List.of(new JacksonMessageCodec(JsonMapper.shared()))),
				ApplicationConversionService.getSharedInstance(), null);
		EndpointDefinition definition = EndpointDefinition.of(endpoint.getClass(), PathTemplate.parse("/test"),
				support);
		return new WsEndpointHandler(definition, () -> endpoint, () -> WsServerObserver.NONE);
	}

	record Reply(String to, String text) {
	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

	static class ReplyingEndpoint {

		@OnMessage
		Reply reply(String name) {
			return new Reply(name, "hello");
		}

	}

	static class AsyncEndpoint {

		final CompletableFuture<@Nullable Reply> pending = new CompletableFuture<>();

		@OnMessage
		CompletionStage<@Nullable Reply> reply(String name) {
			return this.pending;
		}

	}

	static class TextAsyncEndpoint {

		@OnMessage
		CompletableFuture<String> reply(String name) {
			return CompletableFuture.completedFuture("hi " + name);
		}

	}

	static class ObjectAsyncEndpoint {

		final CompletableFuture<Object> pending = new CompletableFuture<>();

		@OnMessage
		CompletionStage<Object> reply(String name) {
			return this.pending;
		}

	}

	static class ObjectEndpoint {

		@OnMessage
		Object reply(String name) {
			return new Unwritable();
		}

	}

}
