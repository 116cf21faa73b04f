package dev.wsboot.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import dev.wsboot.cluster.Envelope.MalformedEnvelopeException;
import dev.wsboot.server.PreparedMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Tests for {@link Envelope}: its bytes, both ways, and what it refuses to read. */
class EnvelopeTests {

	@Test
	void writesTheDocumentedLayout() {
		Envelope envelope = new Envelope(Envelope.Kind.TOPIC, "a", "t", null, 2, 3, true, false,
				"hi".getBytes(StandardCharsets.UTF_8));
		assertThat(HexFormat.of().formatHex(envelope.encode())).isEqualTo("57" + "01" + "01" + "01"
				+ "0000000000000002" + "0000000000000003" + "0001" + "61" + "0001" + "74" + "0000" + "00000002"
				+ "6869");
	}

	@Test
	void readsBackEveryField() {
		Envelope envelope = Envelope.of(Envelope.Kind.SESSION, "node-é", "7f", "3", Long.MAX_VALUE, 1_700_000_000_000L,
				true, PreparedMessage.binary(new byte[] { 0, 1, (byte) 0xff }));
		Envelope read = Envelope.decode(envelope.encode());
		assertThat(read.kind()).isEqualTo(Envelope.Kind.SESSION);
		assertThat(read.origin()).isEqualTo("node-é");
		assertThat(read.target()).isEqualTo("7f");
		assertThat(read.excluded()).isEqualTo("3");
		assertThat(read.sequence()).isEqualTo(Long.MAX_VALUE);
		assertThat(read.publishedAt()).isEqualTo(1_700_000_000_000L);
		assertThat(read.text()).isFalse();
		assertThat(read.loopedBack()).isTrue();
		assertThat(read.payload()).containsExactly(0, 1, 0xff);
	}

	@Test
	void givesBackATextMessageFramedForSessions() {
		Envelope read = Envelope.decode(Envelope
			.of(Envelope.Kind.TOPIC, "a", "lobby", null, 1, 0, false, PreparedMessage.text("héllo"))
			.encode());
		PreparedMessage message = read.toMessage();
		assertThat(message.isText()).isTrue();
		assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("héllo");
		assertThat(read.excluded()).isNull();
	}

	@Test
	void refusesATextPayloadThatIsNotUtf8() {
		Envelope envelope = new Envelope(Envelope.Kind.TOPIC, "a", "t", null, 1, 0, true, false,
				new byte[] { (byte) 0xc3, 0x28 });
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> Envelope.decode(envelope.encode()).toMessage());
	}

	@Test
	void refusesBytesThatDoNotStartWithTheMagic() {
		assertThatExceptionOfType(MalformedEnvelopeException.class)
			.isThrownBy(() -> Envelope.decode("hello".getBytes(StandardCharsets.US_ASCII)))
			.withMessageContaining("first byte");
	}

	@Test
	void refusesAnotherVersion() {
		byte[] bytes = valid();
		bytes[1] = 2;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> Envelope.decode(bytes))
			.withMessageContaining("version 2");
	}

	@ParameterizedTest(name = "kind {0}")
	@ValueSource(bytes = { 0, 4, -1 })
	void refusesAnUnknownKind(byte kind) {
		byte[] bytes = valid();
		bytes[2] = kind;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> Envelope.decode(bytes))
			.withMessageContaining("kind");
	}

	@Test
	void refusesUnknownFlags() {
		byte[] bytes = valid();
		bytes[3] = 0x04;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> Envelope.decode(bytes))
			.withMessageContaining("flags");
	}

	@Test
	void refusesEveryEnvelopeCutShort() {
		byte[] bytes = valid();
		for (int length = 0; length < bytes.length; length++) {
			byte[] cut = Arrays.copyOf(bytes, length);
			assertThatExceptionOfType(MalformedEnvelopeException.class).as("cut to %d bytes", length)
				.isThrownBy(() -> Envelope.decode(cut));
		}
	}

	@Test
	void refusesTrailingBytes() {
		byte[] bytes = Arrays.copyOf(valid(), valid().length + 1);
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> Envelope.decode(bytes))
			.withMessageContaining("Payload length");
	}

	@Test
	void refusesAStringThatIsNotUtf8() {
		byte[] bytes = valid();
		// The origin's one byte, right after its length.
		bytes[22] = (byte) 0xff;
		assertThatExceptionOfType(MalformedEnvelopeException.class).isThrownBy(() -> Envelope.decode(bytes))
			.withMessageContaining("origin");
	}

	private static byte[] valid() {
		return new Envelope(Envelope.Kind.USER, "a", "ada", null, 0, 0, true, false,
				"hi".getBytes(StandardCharsets.UTF_8)).encode();
	}

}
