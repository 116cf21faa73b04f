package dev.wsboot.endpoint;

import java.util.ArrayList;
import java.util.List;

import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.MethodParameter;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for messages an endpoint cannot take: the close code each earns, the observer told,
 * an {@link OnError @OnError} method for {@link WsDecodeException} answering instead, payload
 * validation, and {@link WsArgumentResolver} beans. Without a server: see
 * {@code TypedEndpointIntegrationTests} for the same over a real connection.
 */
class RejectedMessageTests {

	private final FakeWsSession session = new FakeWsSession();

	private final List<String> rejections = new ArrayList<>();

	private final WsServerObserver observer = new WsServerObserver() {

		@Override
		public void onMessageRejected(WsSession session, int closeCode) {
			RejectedMessageTests.this.rejections.add(session.id() + " " + closeCode);
		}

	};

	private final LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();

	RejectedMessageTests() {
		this.validator.afterPropertiesSet();
	}

	@AfterEach
	void closeValidator() {
		this.validator.close();
	}

	@Test
	void closesWith1007ForMalformedJsonAndTellsTheObserver() {
		handler(new OrderEndpoint()).onText(this.session, "{not json");
		assertClosedWith(CloseCodes.INVALID_PAYLOAD, "Malformed JSON");
		assertThat(this.rejections).containsExactly("fake-1 1007");
	}

	@Test
	void closesWith1003ForAnUnknownMessageTypeAndTellsTheObserver() {
		handler(new EventEndpoint()).onText(this.session, "{\"type\":\"Nope\"}");
		assertClosedWith(CloseCodes.UNSUPPORTED_DATA, "Unknown message type 'Nope'");
		assertThat(this.rejections).containsExactly("fake-1 1003");
	}

	@Test
	void closesWith1003ForAFrameTypeNoMethodTakes() {
		handler(new OrderEndpoint()).onBinary(this.session, new byte[] { 1 });
		assertClosedWith(CloseCodes.UNSUPPORTED_DATA, "Binary messages are not supported");
		assertThat(this.rejections).containsExactly("fake-1 1003");
	}

	@Test
	void letsAnErrorMethodForDecodeErrorsAnswerAndKeepTheSessionOpen() {
		AnsweringEndpoint endpoint = new AnsweringEndpoint();
		WsEndpointHandler handler = handler(endpoint);
		handler.onText(this.session, "{not json");
		handler.onText(this.session, "{\"item\":\"tea\",\"quantity\":1}");
		assertThat(this.session.closeStatus()).isNull();
		assertThat(this.session.sent()).containsExactly("rejected 1007: Malformed JSON", "ok tea");
		assertThat(this.rejections).containsExactly("fake-1 1007");
	}

	@Test
	void leavesADecodeErrorToNoCatchAllErrorMethod() {
		CatchAllEndpoint endpoint = new CatchAllEndpoint();
		handler(endpoint).onText(this.session, "[]");
		assertClosedWith(CloseCodes.INVALID_PAYLOAD, "JSON does not fit Order");
		assertThat(endpoint.errors).isEmpty();
	}

	@Test
	void closesWith1007ForAPayloadThatFailsValidation() {
		OrderEndpoint endpoint = new OrderEndpoint();
		handler(endpoint, this.validator).onText(this.session, "{\"item\":\" \",\"quantity\":1}");
		assertClosedWith(CloseCodes.INVALID_PAYLOAD, "Invalid Order: item must not be blank");
		assertThat(endpoint.orders).isEmpty();
		assertThat(this.rejections).containsExactly("fake-1 1007");
	}

	@Test
	void callsTheMethodWithAValidPayload() {
		OrderEndpoint endpoint = new OrderEndpoint();
		handler(endpoint, this.validator).onText(this.session, "{\"item\":\"tea\",\"quantity\":1}");
		assertThat(endpoint.orders).containsExactly(new Order("tea", 1));
		assertThat(this.session.closeStatus()).isNull();
	}

	@Test
	void validatesTheGroupsValidatedNames() {
		GroupEndpoint endpoint = new GroupEndpoint();
		WsEndpointHandler handler = handler(endpoint, this.validator);
		// Blank, which only the default group forbids: valid for the Strict group.
		handler.onText(this.session, "{\"item\":\"\",\"quantity\":1}");
		assertThat(endpoint.orders).hasSize(1);
		handler.onText(this.session, "{\"item\":\"a-very-long-item\",\"quantity\":1}");
		assertClosedWith(CloseCodes.INVALID_PAYLOAD, "Invalid StrictOrder: item size must be between 0 and 8");
	}

	@Test
	void leavesPayloadsUnvalidatedWithoutAValidator() {
		OrderEndpoint endpoint = new OrderEndpoint();
		handler(endpoint).onText(this.session, "{\"item\":\" \",\"quantity\":1}");
		assertThat(endpoint.orders).containsExactly(new Order(" ", 1));
	}

	@Test
	void leavesPayloadsWithoutValidAnnotationUnvalidated() {
		UnvalidatedEndpoint endpoint = new UnvalidatedEndpoint();
		handler(endpoint, this.validator).onText(this.session, "{\"item\":\" \",\"quantity\":1}");
		assertThat(endpoint.orders).hasSize(1);
	}

	@Test
	void givesAMethodWhatAnArgumentResolverSupplies() {
		ResolvedEndpoint endpoint = new ResolvedEndpoint();
		handler(endpoint, null, new CallerResolver()).onText(this.session, "hi");
		assertThat(endpoint.calls).containsExactly("caller-of-fake-1 says hi");
	}

	@Test
	void rejectsAMessageAnArgumentResolverFindsUnfitAsADecodeError() {
		ResolvedEndpoint endpoint = new ResolvedEndpoint();
		handler(endpoint, null, new CallerResolver()).onText(this.session, "anonymous");
		assertClosedWith(CloseCodes.INVALID_PAYLOAD, "No caller");
		assertThat(endpoint.calls).isEmpty();
		assertThat(this.rejections).containsExactly("fake-1 1007");
	}

	private void assertClosedWith(int code, String reason) {
		CloseStatus status = this.session.closeStatus();
		assertThat(status).as("close status").isNotNull();
		assertThat(status.code()).isEqualTo(code);
		assertThat(status.reason()).isEqualTo(reason);
	}

	private WsEndpointHandler handler(Object endpoint) {
		return handler(endpoint, null);
	}

	private WsEndpointHandler handler(Object endpoint, @Nullable Validator validator,
			WsArgumentResolver... resolvers) {
		EndpointSupport support = new EndpointSupport(List.of(resolvers), List.of(),
				new EndpointCodecs(List.of(new JacksonMessageCodec(JsonMapper.shared()))),
				ApplicationConversionService.getSharedInstance(), validator);
		EndpointDefinition definition = EndpointDefinition.of(endpoint.getClass(), PathTemplate.parse("/test"),
				support);
		return new WsEndpointHandler(definition, () -> endpoint, () -> this.observer);
	}

	interface Strict {

	}

	record Order(@NotBlank String item, int quantity) {
	}

	record StrictOrder(@Size(max = 8, groups = Strict.class) @NotBlank String item, int quantity) {
	}

	static class OrderEndpoint {

		final List<Order> orders = new ArrayList<>();

		@OnMessage
		void order(@Valid Order order) {
			this.orders.add(order);
		}

	}

	static class UnvalidatedEndpoint {

		final List<Order> orders = new ArrayList<>();

		@OnMessage
		void order(Order order) {
			this.orders.add(order);
		}

	}

	static class GroupEndpoint {

		final List<StrictOrder> orders = new ArrayList<>();

		@OnMessage
		void order(@Validated(Strict.class) StrictOrder order) {
			this.orders.add(order);
		}

	}

	static class EventEndpoint {

		@OnMessage
		void event(MessageDispatchTests.Event event) {
		}

	}

	static class AnsweringEndpoint {

		@OnMessage
		String order(Order order) {
			return "ok " + order.item();
		}

		@OnError
		String rejected(WsDecodeException ex) {
			return "rejected " + ex.closeCode() + ": " + ex.getMessage();
		}

	}

	static class CatchAllEndpoint {

		final List<Throwable> errors = new ArrayList<>();

		@OnMessage
		void order(Order order) {
		}

		@OnError
		void failed(Throwable ex) {
			this.errors.add(ex);
		}

	}

	/** Who is calling: from the session, refused for an anonymous message. */
	record Caller(String name) {
	}

	static class CallerResolver implements WsArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Caller.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, WsInvocation invocation) {
			if ("anonymous".equals(invocation.event())) {
				throw WsDecodeException.invalid("No caller", null);
			}
			return new Caller("caller-of-" + invocation.session().id());
		}

	}

	static class ResolvedEndpoint {

		final List<String> calls = new ArrayList<>();

		@OnMessage
		void message(Caller caller, String text) {
			this.calls.add(caller.name() + " says " + text);
		}

	}

}
