package dev.wsboot.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.endpoint.PointCodec.Point;
import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsServerObserver;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EndpointCodecs}: the first codec that can read or write a type does, and
 * text and bytes never go through a codec.
 */
class EndpointCodecsTests {

	private final GreedyCodec greedy = new GreedyCodec();

	private final JacksonMessageCodec json = new JacksonMessageCodec(JsonMapper.shared());

	@Test
	void readsATypeWithTheFirstCodecThatCan() {
		EndpointCodecs codecs = new EndpointCodecs(List.of(new PointCodec(), this.json));
		assertThat(codecs.decoderFor(ResolvableType.forClass(Point.class), WsMessageCodec.Format.TEXT))
			.isInstanceOf(PointCodec.class);
		assertThat(codecs.decoderFor(ResolvableType.forClass(Label.class), WsMessageCodec.Format.TEXT))
			.isSameAs(this.json);
		assertThat(codecs.decoderFor(ResolvableType.forClass(Label.class), WsMessageCodec.Format.BINARY)).isNull();
	}

	@Test
	void writesAValueWithTheFirstCodecThatCan() {
		EndpointCodecs codecs = new EndpointCodecs(List.of(new PointCodec(), this.json));
		assertThat(text(codecs.encode(new Point(1, 2)))).isEqualTo("1,2");
		assertThat(text(codecs.encode(new Label("x")))).isEqualTo("{\"text\":\"x\"}");
	}

	@Test
	void sendsTextAndBytesAsTheyAreWithoutAskingACodec() {
		EndpointCodecs codecs = new EndpointCodecs(List.of(this.greedy));
		PreparedMessage text = codecs.encode("plain");
		assertThat(text.isText()).isTrue();
		assertThat(text(text)).isEqualTo("plain");
		assertThat(text(codecs.encode(new StringBuilder("built")))).isEqualTo("built");
		PreparedMessage bytes = codecs.encode(new byte[] { 1, 2 });
		assertThat(bytes.isText()).isFalse();
		assertThat(bytes.payload()).containsExactly(1, 2);
		assertThat(codecs.encode(ByteBuffer.wrap(new byte[] { 3 })).payload()).containsExactly(3);
		PreparedMessage prepared = PreparedMessage.text("ready");
		assertThat(codecs.encode(prepared)).isSameAs(prepared);
		assertThat(this.greedy.calls).isEmpty();
	}

	@Test
	void sendsTextAndBytesWithoutAnyCodec() {
		EndpointCodecs codecs = new EndpointCodecs(List.of());
		assertThat(codecs.canEncode(String.class)).isTrue();
		assertThat(codecs.canEncode(CharSequence.class)).isTrue();
		assertThat(codecs.canEncode(byte[].class)).isTrue();
		assertThat(codecs.canEncode(ByteBuffer.class)).isTrue();
		assertThat(codecs.canEncode(PreparedMessage.class)).isTrue();
		assertThat(codecs.canEncode(Object.class)).as("judged when sent").isTrue();
		assertThat(codecs.canEncode(Point.class)).isFalse();
	}

	@Test
	void refusesToSendAValueNoCodecWrites() {
		EndpointCodecs codecs = new EndpointCodecs(List.of(new PointCodec()));
		assertThatIllegalArgumentException().isThrownBy(() -> codecs.encode(new Label("x")))
			.withMessage("No message codec writes a " + Label.class.getName());
	}

	@Test
	void givesTextAndBytesToMethodsAsTheyAreWithoutAskingACodec() {
		RawEndpoint endpoint = new RawEndpoint();
		FakeWsSession session = new FakeWsSession();
		WsEndpointHandler handler = handler(endpoint, this.greedy);
		handler.onText(session, "{\"json\":true}");
		handler.onBinary(session, new byte[] { 9 });
		assertThat(endpoint.received).containsExactly("text {\"json\":true}", "bytes 1");
		assertThat(session.sent()).containsExactly("{\"json\":true}");
		assertThat(this.greedy.calls).isEmpty();
	}

	@Test
	void givesAMethodThePayloadOfTheApplicationsCodecBeforeJson() {
		PointEndpoint endpoint = new PointEndpoint();
		FakeWsSession session = new FakeWsSession();
		handler(endpoint, new PointCodec(), this.json).onText(session, "3,4");
		assertThat(endpoint.received).containsExactly(new Point(3, 4));
		assertThat(session.sent()).singleElement()
			.isInstanceOfSatisfying(PreparedMessage.class, (reply) -> assertThat(text(reply)).isEqualTo("4,3"));
	}

	private static WsEndpointHandler handler(Object endpoint, WsMessageCodec... codecs) {
		EndpointSupport support = new EndpointSupport(List.of(), List.of(), new EndpointCodecs(List.of(codecs)),
				ApplicationConversionService.getSharedInstance(), null);
		EndpointDefinition definition = EndpointDefinition.of(endpoint.getClass(), PathTemplate.parse("/test"),
				support);
		return new WsEndpointHandler(definition, () -> endpoint, () -> WsServerObserver.NONE);
	}

	private static String text(PreparedMessage message) {
		return new String(message.payload(), StandardCharsets.UTF_8);
	}

	record Label(String text) {
	}

	/** Claims every type, and records being asked to do anything. */
	static class GreedyCodec implements WsMessageCodec {

		final List<String> calls = new ArrayList<>();

		@Override
		public boolean canDecode(ResolvableType type, Format format) {
			return true;
		}

		@Override
		public Object decode(Object message, ResolvableType type) {
			this.calls.add("decode " + message);
			return message;
		}

		@Override
		public boolean canEncode(Class<?> type) {
			return true;
		}

		@Override
		public PreparedMessage encode(Object value) {
			this.calls.add("encode " + value);
			return PreparedMessage.text("greedy");
		}

	}

	static class RawEndpoint {

		final List<String> received = new ArrayList<>();

		@OnMessage
		String text(String text) {
			this.received.add("text " + text);
			return text;
		}

		@OnMessage
		void bytes(ByteBuffer data) {
			this.received.add("bytes " + data.remaining());
		}

	}

	static class PointEndpoint {

		final List<Point> received = new ArrayList<>();

		@OnMessage
		Point swap(Point point) {
			this.received.add(point);
			return new Point(point.y(), point.x());
		}

	}

}
