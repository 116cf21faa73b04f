package dev.wsboot.endpoint.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.wsboot.endpoint.WsDecodeException;
import dev.wsboot.endpoint.WsMessageCodec.Format;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.PreparedMessage;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JacksonMessageCodec}: text messages read and written as JSON with the
 * mapper it is given, and which bad messages earn 1007 or 1003.
 */
class JacksonMessageCodecTests {

	private final JacksonMessageCodec codec = new JacksonMessageCodec(JsonMapper.shared());

	@Test
	void readsTextMessagesIntoAnyTypeButTextAndBytes() {
		assertThat(this.codec.canDecode(type(Greeting.class), Format.TEXT)).isTrue();
		assertThat(this.codec.canDecode(type(Integer.class), Format.TEXT)).isTrue();
		assertThat(this.codec.canDecode(ResolvableType.forClassWithGenerics(List.class, Greeting.class), Format.TEXT))
			.isTrue();
		for (Class<?> raw : new Class<?>[] { String.class, CharSequence.class, StringBuilder.class, byte[].class,
				ByteBuffer.class, PreparedMessage.class }) {
			assertThat(this.codec.canDecode(type(raw), Format.TEXT)).as(raw.getName()).isFalse();
		}
	}

	@Test
	void readsNoBinaryMessage() {
		assertThat(this.codec.canDecode(type(Greeting.class), Format.BINARY)).isFalse();
	}

	@Test
	void writesAnyTypeButTextAndBytes() {
		assertThat(this.codec.canEncode(Greeting.class)).isTrue();
		assertThat(this.codec.canEncode(Object.class)).isTrue();
		assertThat(this.codec.canEncode(String.class)).isFalse();
		assertThat(this.codec.canEncode(byte[].class)).isFalse();
		assertThat(this.codec.canEncode(ByteBuffer.class)).isFalse();
		assertThat(this.codec.canEncode(PreparedMessage.class)).isFalse();
	}

	@Test
	void readsJsonIntoTheType() {
		assertThat(this.codec.decode("{\"name\":\"Ada\",\"count\":2}", type(Greeting.class)))
			.isEqualTo(new Greeting("Ada", 2));
	}

	@Test
	void readsJsonIntoAGenericType() {
		Object decoded = this.codec.decode("[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}]",
				ResolvableType.forClassWithGenerics(List.class, Greeting.class));
		assertThat(decoded).asInstanceOf(InstanceOfAssertFactories.LIST)
			.containsExactly(new Greeting("a", 1), new Greeting("b", 2));
	}

	@Test
	void readsAndWritesWithTheSettingsOfTheMapperItIsGiven() {
		JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		JacksonMessageCodec codec = new JacksonMessageCodec(snakeCase);
		assertThat(codec.decode("{\"user_name\":\"ada\"}", type(Login.class))).isEqualTo(new Login("ada"));
		assertThat(text(codec.encode(new Login("bob")))).isEqualTo("{\"user_name\":\"bob\"}");
	}

	@Test
	void writesJsonAsATextMessage() {
		PreparedMessage message = this.codec.encode(new Greeting("Ada", 2));
		assertThat(message.isText()).isTrue();
		assertThat(text(message)).isEqualTo("{\"name\":\"Ada\",\"count\":2}");
	}

	@Test
	void writesTheTypeIdOfAPolymorphicValueSoThatItReadsBack() {
		PreparedMessage message = this.codec.encode(new Chat("hi"));
		assertThat(text(message)).isEqualTo("{\"type\":\"chat\",\"text\":\"hi\"}");
		assertThat(this.codec.decode(text(message), type(Event.class))).isEqualTo(new Chat("hi"));
	}

	@Test
	void failsToWriteWhatTheMapperCannotWrite() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.codec.encode(new Unwritable()))
			.withMessage("Could not write a " + Unwritable.class.getName() + " as JSON");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "{", "{\"name\":", "{name:\"a\"}", "{\"name\":\"a\",}", "nonsense", "{\"a\":1} {" })
	void findsMalformedJsonInvalid(String message) {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode(message, type(Greeting.class)))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
	}

	@Test
	void saysMalformedJsonIsMalformed() {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode("{", type(Greeting.class)))
			.withMessage("Malformed JSON");
	}

	@ParameterizedTest(name = "''{0}''")
	@ValueSource(strings = { "{\"name\":\"a\",\"count\":\"many\"}", "[1,2]", "42", "\"text\"", "" })
	void findsJsonThatDoesNotFitTheTypeInvalid(String message) {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode(message, type(Greeting.class)))
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
	}

	@Test
	void namesTheTypeJsonDoesNotFit() {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode("{\"count\":\"many\"}", type(Greeting.class)))
			.withMessage("JSON does not fit Greeting");
	}

	@Test
	void findsJsonNullInvalid() {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode("null", type(Greeting.class)))
			.withMessage("Expected a JSON Greeting, got null")
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
	}

	@Test
	void findsAnUnknownTypeIdUnsupported() {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode("{\"type\":\"poke\"}", type(Event.class)))
			.withMessage("Unknown message type 'poke'")
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.UNSUPPORTED_DATA));
	}

	@Test
	void findsAMissingTypeIdUnsupported() {
		assertThatExceptionOfType(WsDecodeException.class)
			.isThrownBy(() -> this.codec.decode("{\"text\":\"hi\"}", type(Event.class)))
			.withMessage("Missing message type")
			.satisfies((ex) -> assertThat(ex.closeCode()).isEqualTo(CloseCodes.UNSUPPORTED_DATA));
	}

	@Test
	void failsAsTheApplicationsMistakeForAnAbstractTypeWithoutTypeInfo() {
		// A sealed interface alone names no type id: Jackson cannot choose a subtype.
		assertThatExceptionOfType(InvalidDefinitionException.class)
			.isThrownBy(() -> this.codec.decode("{\"a\":\"x\"}", type(Untagged.class)));
	}

	private static ResolvableType type(Class<?> type) {
		return ResolvableType.forClass(type);
	}

	private static String text(PreparedMessage message) {
		return new String(message.payload(), StandardCharsets.UTF_8);
	}

	record Greeting(String name, int count) {
	}

	record Login(String userName) {
	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	sealed interface Event permits Chat, Join {

	}

	@JsonTypeName("chat")
	record Chat(String text) implements Event {
	}

	@JsonTypeName("join")
	record Join(String name) implements Event {
	}

	sealed interface Untagged permits UntaggedA, UntaggedB {

	}

	record UntaggedA(String a) implements Untagged {
	}

	record UntaggedB(String b) implements Untagged {
	}

	static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

}
