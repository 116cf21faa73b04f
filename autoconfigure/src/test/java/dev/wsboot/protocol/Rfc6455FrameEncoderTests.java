package dev.wsboot.protocol;

import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Rfc6455FrameEncoder}: the server's side of the wire.
 */
class Rfc6455FrameEncoderTests {

	private static final FrameEncoder ENCODER = new Rfc6455FrameEncoder();

	@Nested
	@DisplayName("§5.7 examples")
	class Section5_7Examples {

		@Test
		void unmaskedTextHello() {
			assertThat(ENCODER.encode(Opcode.TEXT, utf8("Hello"))).inHexadecimal()
				.containsExactly(hex("81 05 48 65 6c 6c 6f"));
		}

		@Test
		void fragmentedUnmaskedTextHelThenLo() {
			byte[] hel = ENCODER.encode(false, Opcode.TEXT, utf8("Hello"), 0, 3);
			byte[] lo = ENCODER.encode(true, Opcode.CONTINUATION, utf8("Hello"), 3, 2);
			assertThat(hel).inHexadecimal().containsExactly(hex("01 03 48 65 6c"));
			assertThat(lo).inHexadecimal().containsExactly(hex("80 02 6c 6f"));
		}

		@Test
		void unmaskedPingHello() {
			assertThat(ENCODER.encode(Opcode.PING, utf8("Hello"))).inHexadecimal()
				.containsExactly(hex("89 05 48 65 6c 6c 6f"));
		}

		@Test
		void unmaskedPongHelloAsTheServerAnswersTheRfcPing() {
			assertThat(ENCODER.encode(Opcode.PONG, utf8("Hello"))).inHexadecimal()
				.containsExactly(hex("8a 05 48 65 6c 6c 6f"));
		}

		@Test
		void binaryOf256BytesHasA16BitLength() {
			byte[] payload = FrameBytes.pattern(256);
			byte[] frame = ENCODER.encode(Opcode.BINARY, payload);
			assertThat(Arrays.copyOf(frame, 4)).inHexadecimal().containsExactly(hex("82 7e 01 00"));
			assertThat(Arrays.copyOfRange(frame, 4, frame.length)).isEqualTo(payload);
		}

		@Test
		void binaryOf64KiBHasA64BitLength() {
			byte[] payload = FrameBytes.pattern(65536);
			byte[] frame = ENCODER.encode(Opcode.BINARY, payload);
			assertThat(Arrays.copyOf(frame, 10)).inHexadecimal().containsExactly(hex("82 7f 00 00 00 00 00 01 00 00"));
			assertThat(Arrays.copyOfRange(frame, 10, frame.length)).isEqualTo(payload);
		}

		@Test
		void closeWithNormalClosure() {
			assertThat(ENCODER.encode(Opcode.CLOSE, hex("03 e8"))).inHexadecimal()
				.containsExactly(hex("88 02 03 e8"));
		}

	}

	@Nested
	@DisplayName("§5.2 the shortest length form")
	class Section5_2PayloadLength {

		@ParameterizedTest(name = "{0} bytes: {1}")
		@CsvSource(delimiter = '|', value = {
				"0 | 82 00",
				"1 | 82 01",
				"125 | 82 7d",
				"126 | 82 7e 00 7e",
				"127 | 82 7e 00 7f",
				"65535 | 82 7e ff ff",
				"65536 | 82 7f 00 00 00 00 00 01 00 00",
				"1048576 | 82 7f 00 00 00 00 00 10 00 00",
				"2147483647 | 82 7f 00 00 00 00 7f ff ff ff",
				"4294967296 | 82 7f 00 00 00 01 00 00 00 00",
				"9223372036854775807 | 82 7f 7f ff ff ff ff ff ff ff" })
		void headerUsesTheShortestForm(long length, String expected) {
			byte[] header = new byte[10];
			int written = ENCODER.writeHeader(header, 0, true, Opcode.BINARY, length);
			assertThat(written).isEqualTo(ENCODER.headerLength(length));
			assertThat(Arrays.copyOf(header, written)).inHexadecimal().containsExactly(hex(expected));
		}

		@ParameterizedTest(name = "{0} bytes: {1}-byte header")
		@CsvSource({ "0, 2", "125, 2", "126, 4", "65535, 4", "65536, 10", "9223372036854775807, 10" })
		void headerLengthIsTwoFourOrTen(long length, int headerLength) {
			assertThat(ENCODER.headerLength(length)).isEqualTo(headerLength);
		}

		@ParameterizedTest(name = "{0} bytes")
		@ValueSource(ints = { 0, 1, 125, 126, 127, 65535, 65536, 1 << 20 })
		void wholeFrameIsTheHeaderThenThePayloadUnchanged(int length) {
			byte[] payload = FrameBytes.pattern(length);
			byte[] frame = ENCODER.encode(Opcode.BINARY, payload);
			int header = ENCODER.headerLength(length);
			assertThat(frame).hasSize(header + length);
			assertThat(Arrays.copyOfRange(frame, header, frame.length)).isEqualTo(payload);
		}

		@Test
		void negativeLengthIsRefused() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> ENCODER.writeHeader(new byte[10], 0, true, Opcode.TEXT, -1));
		}

	}

	@Nested
	@DisplayName("§5.1 server frames")
	class Section5_1ServerFrames {

		@ParameterizedTest(name = "{0} bytes")
		@ValueSource(longs = { 0, 125, 126, 65535, 65536, Long.MAX_VALUE })
		void serverFramesAreNeverMasked(long length) {
			byte[] header = new byte[10];
			ENCODER.writeHeader(header, 0, true, Opcode.BINARY, length);
			assertThat(header[1] & 0x80).isZero();
		}

		@ParameterizedTest
		@EnumSource(Opcode.class)
		void firstByteIsFinAndTheOpcodeWithReservedBitsClear(Opcode opcode) {
			byte[] header = new byte[2];
			ENCODER.writeHeader(header, 0, true, opcode, 0);
			assertThat(header[0] & 0xFF).isEqualTo(0x80 | opcode.bits());
			ENCODER.writeHeader(header, 0, false, opcode, 0);
			assertThat(header[0] & 0xFF).isEqualTo(opcode.bits());
		}

		@Test
		void headerIsWrittenAtTheOffsetAndNothingElseIsTouched() {
			byte[] dest = new byte[16];
			Arrays.fill(dest, (byte) 0x55);
			int written = ENCODER.writeHeader(dest, 3, true, Opcode.TEXT, 300);
			assertThat(written).isEqualTo(4);
			assertThat(dest).inHexadecimal().containsExactly(hex("55 55 55 81 7e 01 2c 55 55 55 55 55 55 55 55 55"));
		}

		@Test
		void encodeTakesOnlyTheGivenSliceOfThePayload() {
			byte[] frame = ENCODER.encode(true, Opcode.BINARY, hex("00 11 22 33 44"), 1, 3);
			assertThat(frame).inHexadecimal().containsExactly(hex("82 03 11 22 33"));
		}

	}

}
