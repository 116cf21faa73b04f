package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.FrameBytes.concat;
import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CloseStatus} and {@link CloseCodes}.
 */
class CloseStatusTests {

	@Nested
	@DisplayName("§7.4.1 codes that may appear in a close frame")
	class Section7_4_1SendableCodes {

		@ParameterizedTest(name = "{0} may be sent")
		@ValueSource(ints = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999,
				4000, 4999 })
		void registeredWireCodesAndTheApplicationRangesAreSendable(int code) {
			assertThat(CloseCodes.isSendable(code)).isTrue();
		}

		@ParameterizedTest(name = "{0} may not be sent")
		@ValueSource(ints = { -1, 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
		void unusedReservedAndNoFrameCodesAreNotSendable(int code) {
			assertThat(CloseCodes.isSendable(code)).isFalse();
		}

		@Test
		void theCodesThatStandForNoCloseFrameAreNotSendable() {
			assertThat(CloseStatus.NO_STATUS.isSendable()).isFalse();
			assertThat(CloseStatus.ABNORMAL.isSendable()).isFalse();
			assertThat(CloseStatus.of(CloseCodes.TLS_HANDSHAKE).isSendable()).isFalse();
		}

	}

	@Nested
	@DisplayName("§5.5.1 parsing a received close payload")
	class Section5_5_1Parse {

		@Test
		@DisplayName("7.3.1 an empty payload is no status (1005)")
		void emptyPayloadIsNoStatus() {
			assertThat(CloseStatus.parse(new byte[0])).isEqualTo(CloseStatus.NO_STATUS);
		}

		@Test
		@DisplayName("7.3.2 a one-byte payload is a protocol error")
		void oneBytePayloadIsAProtocolError() {
			assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.parse(hex("03")))
				.extracting(ProtocolException::closeCode)
				.isEqualTo(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		@DisplayName("7.3.3 a code alone has an empty reason")
		void codeAloneHasAnEmptyReason() {
			assertThat(CloseStatus.parse(hex("03 e8"))).isEqualTo(new CloseStatus(1000, ""));
		}

		@Test
		@DisplayName("7.3.4 the code is big-endian and the reason follows it")
		void codeIsBigEndianAndTheReasonFollowsIt() {
			assertThat(CloseStatus.parse(hex("0f a0 62 79 65"))).isEqualTo(new CloseStatus(4000, "bye"));
		}

		@Test
		@DisplayName("7.3.5 a reason of 123 bytes, the most that fits, is accepted")
		void reasonOf123BytesIsAccepted() {
			String reason = "*".repeat(CloseStatus.MAX_REASON_BYTES);
			CloseStatus status = CloseStatus.parse(concat(hex("03 e8"), utf8(reason)));
			assertThat(status.reason()).isEqualTo(reason);
		}

		@Test
		void multiByteCharactersInTheReasonAreDecoded() {
			CloseStatus status = CloseStatus.parse(concat(hex("03 e9"), utf8("κόσμε €𝄞")));
			assertThat(status.reason()).isEqualTo("κόσμε €𝄞");
		}

		@ParameterizedTest(name = "{0} close code {1} is accepted")
		@CsvSource({ "7.7.1, 1000", "7.7.2, 1001", "7.7.3, 1002", "7.7.4, 1003", "7.7.5, 1007", "7.7.6, 1008",
				"7.7.7, 1009", "7.7.8, 1010", "7.7.9, 1011", "7.7.10, 3000", "7.7.11, 3999", "7.7.12, 4000",
				"7.7.13, 4999" })
		void validCodeIsAccepted(String autobahnCase, int code) {
			assertThat(CloseStatus.parse(codeBytes(code)).code()).isEqualTo(code);
		}

		@ParameterizedTest(name = "{0} close code {1} is a protocol error")
		@CsvSource({ "7.9.1, 0", "7.9.2, 999", "7.9.3, 1004", "7.9.4, 1005", "7.9.5, 1006", "7.9.6, 1016",
				"7.9.7, 1100", "7.9.8, 2000", "7.9.9, 2999" })
		void invalidCodeIsAProtocolError(String autobahnCase, int code) {
			assertProtocolError(codeBytes(code));
		}

		@ParameterizedTest(name = "close code {0} is a protocol error")
		@ValueSource(ints = { 1015, 5000, 65535 })
		void otherCodesThatMayNotBeSentAreProtocolErrors(int code) {
			assertProtocolError(codeBytes(code));
		}

		@Test
		@DisplayName("7.5.1 a reason that is not UTF-8 is invalid payload data (1007)")
		void reasonThatIsNotUtf8IsInvalidPayload() {
			byte[] payload = hex("03 e8 ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64");
			assertInvalidPayload(payload);
		}

		@Test
		void reasonEndingInsideACharacterIsInvalidPayload() {
			assertInvalidPayload(hex("03 e8 61 e2 82"));
		}

		@Test
		void anInvalidCodeIsReportedBeforeAnInvalidReason() {
			assertProtocolError(hex("03 ec ff"));
		}

		private static void assertProtocolError(byte[] payload) {
			assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.parse(payload))
				.extracting(ProtocolException::closeCode)
				.isEqualTo(CloseCodes.PROTOCOL_ERROR);
		}

		private static void assertInvalidPayload(byte[] payload) {
			assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> CloseStatus.parse(payload))
				.extracting(ProtocolException::closeCode)
				.isEqualTo(CloseCodes.INVALID_PAYLOAD);
		}

	}

	@Nested
	@DisplayName("§5.5.1 the payload of a close frame to send")
	class Section5_5_1ToPayload {

		@Test
		void normalClosureIsTheCodeInNetworkByteOrder() {
			assertThat(CloseStatus.NORMAL.toPayload()).inHexadecimal().containsExactly(hex("03 e8"));
		}

		@Test
		void applicationCodeIsTheCodeInNetworkByteOrder() {
			assertThat(CloseStatus.of(3000).toPayload()).inHexadecimal().containsExactly(hex("0b b8"));
		}

		@Test
		void reasonFollowsTheCodeAsUtf8() {
			assertThat(new CloseStatus(1001, "bye €").toPayload()).inHexadecimal()
				.containsExactly(hex("03 e9 62 79 65 20 e2 82 ac"));
		}

		@ParameterizedTest(name = "status {0} gives an empty payload")
		@ValueSource(ints = { 0, 999, 1004, 1005, 1006, 1015, 2000, 5000 })
		void statusThatMayNotBeSentGivesAnEmptyPayload(int code) {
			assertThat(new CloseStatus(code, "ignored").toPayload()).isEmpty();
		}

		@Test
		void reasonOfExactly123BytesIsKeptWhole() {
			String reason = "é".repeat(61) + "x";
			assertThat(new CloseStatus(1000, reason).toPayload()).hasSize(125);
		}

		@Test
		void longAsciiReasonIsCutTo123Bytes() {
			byte[] payload = new CloseStatus(1000, "a".repeat(500)).toPayload();
			assertThat(payload).hasSize(125);
			assertThat(CloseStatus.parse(payload).reason()).isEqualTo("a".repeat(123));
		}

		@ParameterizedTest(name = "{0}-byte characters after {1} ASCII bytes")
		@CsvSource({ "2, 0", "2, 1", "3, 0", "3, 1", "3, 2", "4, 0", "4, 1", "4, 2", "4, 3" })
		void truncationNeverSplitsAMultiByteCharacter(int width, int asciiPrefix) {
			String character = switch (width) {
				case 2 -> "é";
				case 3 -> "€";
				default -> "𝄞";
			};
			String reason = "a".repeat(asciiPrefix) + character.repeat(100);
			byte[] payload = new CloseStatus(1000, reason).toPayload();
			byte[] reasonBytes = Arrays.copyOfRange(payload, 2, payload.length);
			int expectedLength = asciiPrefix + ((123 - asciiPrefix) / width) * width;
			assertThat(reasonBytes).hasSize(expectedLength);
			assertThat(strictlyDecodes(reasonBytes)).isTrue();
			assertThat(reason).startsWith(new String(reasonBytes, StandardCharsets.UTF_8));
		}

		@Test
		void everyCutOfAMixedReasonKeepsWholeCharactersUpTo123Bytes() {
			int[] codePoints = { 'a', 'é', '€', 0x1D11E };
			for (int count = 30; count <= 130; count++) {
				StringBuilder reason = new StringBuilder();
				for (int i = 0; i < count; i++) {
					reason.appendCodePoint(codePoints[(i * 7) % 4]);
				}
				byte[] payload = new CloseStatus(1000, reason.toString()).toPayload();
				byte[] reasonBytes = Arrays.copyOfRange(payload, 2, payload.length);
				String kept = new String(reasonBytes, StandardCharsets.UTF_8);
				assertThat(reasonBytes.length).as("%d characters", count).isLessThanOrEqualTo(123);
				assertThat(strictlyDecodes(reasonBytes)).as("%d characters", count).isTrue();
				assertThat(reason.toString()).startsWith(kept);
				if (kept.length() < reason.length()) {
					int next = reason.codePointAt(kept.length());
					int nextWidth = utf8(new String(Character.toChars(next))).length;
					assertThat(reasonBytes.length + nextWidth).as("the next character does not fit").isGreaterThan(123);
				}
			}
		}

		@Test
		void parsingThePayloadGivesTheStatusBack() {
			CloseStatus status = new CloseStatus(4321, "shutting down: κόσμε");
			assertThat(CloseStatus.parse(status.toPayload())).isEqualTo(status);
		}

		private static boolean strictlyDecodes(byte[] bytes) {
			try {
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(bytes));
				return true;
			}
			catch (CharacterCodingException ex) {
				return false;
			}
		}

	}

	@Nested
	@DisplayName("construction")
	class Construction {

		@ParameterizedTest
		@ValueSource(ints = { -1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE })
		void codeOutsideSixteenBitsIsRefused(int code) {
			assertThatIllegalArgumentException().isThrownBy(() -> new CloseStatus(code, ""));
		}

		@Test
		void nullReasonBecomesEmpty() {
			assertThat(new CloseStatus(1000, null).reason()).isEmpty();
		}

		@Test
		void ofGivesACodeWithNoReason() {
			assertThat(CloseStatus.of(1008)).isEqualTo(new CloseStatus(1008, ""));
		}

		@Test
		void constantsCarryTheirRegisteredCodes() {
			assertThat(CloseStatus.NORMAL.code()).isEqualTo(1000);
			assertThat(CloseStatus.GOING_AWAY.code()).isEqualTo(1001);
			assertThat(CloseStatus.NO_STATUS.code()).isEqualTo(1005);
			assertThat(CloseStatus.ABNORMAL.code()).isEqualTo(1006);
			assertThat(CloseStatus.INTERNAL_ERROR).isEqualTo(new CloseStatus(1011, ""));
		}

	}

	private static byte[] codeBytes(int code) {
		return new byte[] { (byte) (code >>> 8), (byte) code };
	}

}
