package dev.wsboot.protocol;

import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Opcode}.
 */
class OpcodeTests {

	@Nested
	@DisplayName("§5.2 opcode bits")
	class Section5_2OpcodeBits {

		@ParameterizedTest(name = "0x{0} is {1}")
		@CsvSource({ "0, CONTINUATION", "1, TEXT", "2, BINARY", "8, CLOSE", "9, PING", "A, PONG" })
		void definedOpcodeIsReturnedForItsBits(String hex, Opcode expected) {
			assertThat(Opcode.fromBits(Integer.parseInt(hex, 16))).isSameAs(expected);
		}

		@ParameterizedTest(name = "0x{0} is reserved and a protocol error")
		@ValueSource(strings = { "3", "4", "5", "6", "7", "B", "C", "D", "E", "F" })
		void reservedOpcodeIsAProtocolError(String hex) {
			assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> Opcode.fromBits(Integer.parseInt(hex, 16)))
				.withMessageContaining("0x" + hex.toLowerCase())
				.extracting(ProtocolException::closeCode)
				.isEqualTo(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		void exactlySixOfTheSixteenValuesAreDefined() {
			long defined = IntStream.range(0, 16).filter(OpcodeTests::isDefined).count();
			assertThat(defined).isEqualTo(Opcode.values().length).isEqualTo(6);
		}

		@ParameterizedTest
		@EnumSource(Opcode.class)
		void bitsRoundTripThroughFromBits(Opcode opcode) {
			assertThat(Opcode.fromBits(opcode.bits())).isSameAs(opcode);
		}

	}

	@Nested
	@DisplayName("§5.5 control frames")
	class Section5_5ControlFrames {

		@ParameterizedTest
		@EnumSource(value = Opcode.class, names = { "CLOSE", "PING", "PONG" })
		void closePingAndPongAreControlOpcodes(Opcode opcode) {
			assertThat(opcode.isControl()).isTrue();
		}

		@ParameterizedTest
		@EnumSource(value = Opcode.class, names = { "CONTINUATION", "TEXT", "BINARY" })
		void continuationTextAndBinaryAreDataOpcodes(Opcode opcode) {
			assertThat(opcode.isControl()).isFalse();
		}

		@Test
		void controlOpcodesAreExactlyThoseWithTheHighBitSet() {
			for (Opcode opcode : Opcode.values()) {
				assertThat(opcode.isControl()).as(opcode.name()).isEqualTo((opcode.bits() & 0x8) != 0);
			}
		}

	}

	private static boolean isDefined(int bits) {
		try {
			Opcode.fromBits(bits);
			return true;
		}
		catch (ProtocolException ex) {
			return false;
		}
	}

}
