package dev.wsboot.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Utf8Validator}. Case ids are those of the Autobahn test suite's 6.x
 * section, whose UTF-8 samples come from Markus Kuhn's UTF-8 decoder stress test.
 */
class Utf8ValidatorTests {

	/** Text with characters of every width, ASCII runs longer than the eight-byte fast path. */
	private static final String MIXED = "ASCII run of twenty! é€𝄞 κόσμε 😀 ünïcødé ... and a tail";

	@Nested
	@DisplayName("RFC 3629 well-formed sequences")
	class Valid {

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', value = {
				"6.1.1 empty text | ''",
				"6.5.1 hello$world | 68 65 6c 6c 6f 24 77 6f 72 6c 64",
				"6.5.2 hello¢world, a 2-byte character | 68 65 6c 6c 6f c2 a2 77 6f 72 6c 64",
				"6.5.3 hello€world, a 3-byte character | 68 65 6c 6c 6f e2 82 ac 77 6f 72 6c 64",
				"6.5.4 hello𤭢world, a 4-byte character | 68 65 6c 6c 6f f0 a4 ad a2 77 6f 72 6c 64",
				"6.5.5 κόσμε | ce ba e1 bd b9 cf 83 ce bc ce b5",
				"6.7.1 U+0000 | 00",
				"6.7.2 U+0080, first 2-byte | c2 80",
				"6.7.3 U+0800, first 3-byte | e0 a0 80",
				"6.7.4 U+10000, first 4-byte | f0 90 80 80",
				"6.9.1 U+007F, last 1-byte | 7f",
				"6.9.2 U+07FF, last 2-byte | df bf",
				"6.9.3 U+FFFF, last 3-byte | ef bf bf",
				"6.9.4 U+10FFFF, the highest code point | f4 8f bf bf",
				"6.11.1 U+D7FF, just below the surrogates | ed 9f bf",
				"6.11.2 U+E000, just above the surrogates | ee 80 80",
				"6.11.3 U+FFFD, the replacement character | ef bf bd",
				"6.22.1 U+FFFE, a noncharacter | ef bf be",
				"6.22.3 U+1FFFE, a noncharacter | f0 9f bf be",
				"6.23.1 U+FFF9, a special | ef bf b9",
				"U+EFFF | ee bf bf",
				"U+40000, a plane 4 character | f1 80 80 80",
				"U+FFFFF, the end of plane 15 | f3 bf bf bf",
				"U+100000, the first of plane 16 | f4 80 80 80" })
		void wellFormedTextIsAccepted(String name, String hex) {
			Utf8Validator validator = new Utf8Validator();
			byte[] bytes = hex(hex);
			assertThat(validator.validate(bytes, 0, bytes.length)).isTrue();
			assertThat(validator.isComplete()).isTrue();
			assertThat(validator.isInvalid()).isFalse();
		}

		@Test
		void everyCodePointOutsideTheSurrogatesIsAccepted() {
			Utf8Validator validator = new Utf8Validator();
			for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
				if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
					continue;
				}
				byte[] bytes = utf8(Character.toString(codePoint));
				validator.reset();
				boolean valid = validator.validate(bytes, 0, bytes.length) && validator.isComplete();
				if (!valid) {
					assertThat(valid).as("U+%04X as %s", codePoint, hex(bytes)).isTrue();
				}
			}
		}

		@Test
		void everySurrogateCodePointInThreeByteFormIsRejected() {
			Utf8Validator validator = new Utf8Validator();
			for (int surrogate = 0xD800; surrogate <= 0xDFFF; surrogate++) {
				byte[] bytes = { (byte) 0xED, (byte) (0x80 | ((surrogate >> 6) & 0x3F)),
						(byte) (0x80 | (surrogate & 0x3F)) };
				validator.reset();
				assertThat(validator.validate(bytes, 0, 3)).as("U+%04X as %s", surrogate, hex(bytes)).isFalse();
			}
		}

		@Test
		void onlyTheGivenRangeOfTheArrayIsRead() {
			byte[] bytes = hex("ff 68 69 ff");
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.validate(bytes, 1, 2)).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}

	}

	@Nested
	@DisplayName("ill-formed sequences fail at the first byte that cannot be part of a character")
	class Invalid {

		@ParameterizedTest(name = "{0} fails at byte {2}")
		@CsvSource(delimiter = '|', value = {
				"6.3.1 a surrogate after κόσμε | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64 | 12",
				"6.4.1 U+110000 after κόσμε | ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64 | 12",
				"6.8.1 a 5-byte sequence | f8 88 80 80 80 | 0",
				"6.8.2 a 6-byte sequence | fc 84 80 80 80 80 | 0",
				"6.10.1 F7, a 4-byte lead above U+10FFFF | f7 bf bf bf | 0",
				"6.10.2 FB, a 5-byte lead | fb bf bf bf bf | 0",
				"6.10.3 FD, a 6-byte lead | fd bf bf bf bf bf | 0",
				"6.11.5 U+110000, above the highest code point | f4 90 80 80 | 1",
				"6.12.1 a lone continuation 80 | 80 | 0",
				"6.12.2 a lone continuation BF | bf | 0",
				"6.12.3 two continuations | 80 bf | 0",
				"6.12.4 three continuations | 80 bf 80 | 0",
				"6.14.1 C0 alone | c0 | 0",
				"6.14.2 E0 80, overlong and short | e0 80 | 1",
				"6.14.3 F0 80 80, overlong and short | f0 80 80 | 1",
				"6.14.4 F8 80 80 80 | f8 80 80 80 | 0",
				"6.14.5 FC 80 80 80 80 | fc 80 80 80 80 | 0",
				"6.14.8 F7 BF BF | f7 bf bf | 0",
				"6.14.9 FB BF BF BF | fb bf bf bf | 0",
				"6.14.10 FD BF BF BF BF | fd bf bf bf bf | 0",
				"6.15.1 incomplete sequences one after another | c0 e0 80 f0 80 80 f8 80 80 80 fc 80 80 80 80 "
						+ "df ef bf f7 bf bf fb bf bf bf fd bf bf bf bf | 0",
				"6.16.1 FE | fe | 0",
				"6.16.2 FF | ff | 0",
				"6.16.3 FE FE FF FF | fe fe ff ff | 0",
				"6.17.1 overlong '/' in 2 bytes | c0 af | 0",
				"6.17.2 overlong '/' in 3 bytes | e0 80 af | 1",
				"6.17.3 overlong '/' in 4 bytes | f0 80 80 af | 1",
				"6.17.4 overlong '/' in 5 bytes | f8 80 80 80 af | 0",
				"6.17.5 overlong '/' in 6 bytes | fc 80 80 80 80 af | 0",
				"6.18.1 U+007F overlong in 2 bytes | c1 bf | 0",
				"6.18.2 U+07FF overlong in 3 bytes | e0 9f bf | 1",
				"6.18.3 U+FFFF overlong in 4 bytes | f0 8f bf bf | 1",
				"6.18.4 maximum overlong in 5 bytes | f8 87 bf bf bf | 0",
				"6.18.5 maximum overlong in 6 bytes | fc 83 bf bf bf bf | 0",
				"6.19.1 NUL overlong in 2 bytes | c0 80 | 0",
				"6.19.2 NUL overlong in 3 bytes | e0 80 80 | 1",
				"6.19.3 NUL overlong in 4 bytes | f0 80 80 80 | 1",
				"6.19.4 NUL overlong in 5 bytes | f8 80 80 80 80 | 0",
				"6.19.5 NUL overlong in 6 bytes | fc 80 80 80 80 80 | 0",
				"6.20.1 U+D800 | ed a0 80 | 1",
				"6.20.2 U+DB7F | ed ad bf | 1",
				"6.20.3 U+DB80 | ed ae 80 | 1",
				"6.20.4 U+DBFF | ed af bf | 1",
				"6.20.5 U+DC00 | ed b0 80 | 1",
				"6.20.6 U+DF80 | ed be 80 | 1",
				"6.20.7 U+DFFF | ed bf bf | 1",
				"6.21.1 U+D800 U+DC00 | ed a0 80 ed b0 80 | 1",
				"6.21.2 U+D800 U+DFFF | ed a0 80 ed bf bf | 1",
				"6.21.3 U+DB7F U+DC00 | ed ad bf ed b0 80 | 1",
				"6.21.4 U+DB7F U+DFFF | ed ad bf ed bf bf | 1",
				"6.21.5 U+DB80 U+DC00 | ed ae 80 ed b0 80 | 1",
				"6.21.6 U+DB80 U+DFFF | ed ae 80 ed bf bf | 1",
				"6.21.7 U+DBFF U+DC00 | ed af bf ed b0 80 | 1",
				"6.21.8 U+DBFF U+DFFF | ed af bf ed bf bf | 1",
				"F5, a lead byte above U+10FFFF | f5 80 80 80 | 0",
				"C1, the other overlong 2-byte lead | c1 80 | 0",
				"2-byte lead followed by ASCII | c2 41 | 1",
				"3-byte sequence cut by ASCII | e2 82 41 | 2",
				"4-byte sequence cut by ASCII | f0 9f 98 41 | 3",
				"4-byte sequence cut by a lead byte | f0 9f 98 c2 80 | 3",
				"a lone continuation after ASCII | 48 65 6c 6c 6f 80 | 5",
				"a continuation after a complete character | c3 a9 a9 | 2",
				"a bad fourth byte of U+10FFFF | f4 8f bf c0 | 3",
				"a bad third byte after ED | ed 9f c0 | 2" })
		void illFormedTextFailsAtTheFirstBadByte(String name, String hex, int badByte) {
			byte[] bytes = hex(hex);
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.validate(bytes, 0, bytes.length)).isFalse();
			assertThat(validator.isInvalid()).isTrue();
			assertThat(validator.isComplete()).isFalse();
			assertThat(firstFailingByteFedOneAtATime(bytes)).isEqualTo(badByte);
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("dev.wsboot.protocol.Utf8ValidatorTests#lonelyStartCharacters")
		void lonelyStartCharactersFollowedBySpacesAreRejected(String name, byte[] bytes, int badByte) {
			assertThat(firstFailingByteFedOneAtATime(bytes)).isEqualTo(badByte);
		}

		@Test
		@DisplayName("6.12.8 every continuation byte from 80 to BE in a row")
		void everyContinuationByteInARowIsRejected() {
			byte[] bytes = new byte[0xBF - 0x80];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) (0x80 + i);
			}
			assertThat(firstFailingByteFedOneAtATime(bytes)).isZero();
		}

		@Test
		void theValidatorStaysInvalidUntilReset() {
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.validate(hex("c0"), 0, 1)).isFalse();
			assertThat(validator.validate(utf8("plain ASCII"), 0, 11)).isFalse();
			assertThat(validator.validate(new byte[0], 0, 0)).isFalse();
			assertThat(validator.isInvalid()).isTrue();
			validator.reset();
			assertThat(validator.validate(utf8("plain ASCII"), 0, 11)).isTrue();
			assertThat(validator.isComplete()).isTrue();
		}

	}

	@Nested
	@DisplayName("text that stops inside a character")
	class Truncated {

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', value = {
				"6.14.6 DF, a 2-byte lead | df",
				"6.14.7 EF BF, two of three bytes | ef bf",
				"C2 alone | c2",
				"two of three bytes of € | e2 82",
				"a 4-byte lead | f0",
				"three of four bytes of U+10FFFF | f4 8f bf",
				"two of four bytes after ASCII | 48 65 6c 6c 6f f0 9f" })
		void truncatedSequenceIsNotCompleteButNotInvalidYet(String name, String hex) {
			byte[] bytes = hex(hex);
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.validate(bytes, 0, bytes.length)).isTrue();
			assertThat(validator.isComplete()).isFalse();
			assertThat(validator.isInvalid()).isFalse();
		}

		@ParameterizedTest(name = "6.6.{0} the first {0} bytes of κόσμε are complete: {1}")
		@CsvSource({ "1, false", "2, true", "3, false", "4, false", "5, true", "6, false", "7, true", "8, false",
				"9, true", "10, false", "11, true" })
		void prefixesOfKosmeAreNeverInvalidAndCompleteOnlyOnCharacterBoundaries(int length, boolean complete) {
			Utf8Validator validator = new Utf8Validator();
			assertThat(validator.validate(hex("ce ba e1 bd b9 cf 83 ce bc ce b5"), 0, length)).isTrue();
			assertThat(validator.isComplete()).isEqualTo(complete);
		}

		@Test
		void resetForgetsAHalfReadCharacter() {
			Utf8Validator validator = new Utf8Validator();
			validator.validate(hex("e2 82"), 0, 2);
			validator.reset();
			assertThat(validator.isComplete()).isTrue();
			assertThat(validator.validate(hex("ac"), 0, 1)).isFalse();
		}

	}

	@Nested
	@DisplayName("§8.1 validation as fragments arrive")
	class Incremental {

		@Test
		void validTextSplitAtEveryByteIntoTwoChunksIsAccepted() {
			byte[] bytes = utf8(MIXED);
			for (int split = 0; split <= bytes.length; split++) {
				Utf8Validator validator = new Utf8Validator();
				assertThat(validator.validate(bytes, 0, split)).as("first chunk, split at %d", split).isTrue();
				assertThat(validator.isComplete()).as("complete after %d bytes", split)
					.isEqualTo(isCharacterBoundary(bytes, split));
				assertThat(validator.validate(bytes, split, bytes.length - split)).as("second chunk, split at %d", split)
					.isTrue();
				assertThat(validator.isComplete()).isTrue();
			}
		}

		@Test
		void validTextSplitAtEveryPairOfPositionsIntoThreeChunksIsAccepted() {
			byte[] bytes = utf8("é€𝄞 κόσμε 😀");
			for (int first = 0; first <= bytes.length; first++) {
				for (int second = first; second <= bytes.length; second++) {
					Utf8Validator validator = new Utf8Validator();
					assertThat(validator.validate(bytes, 0, first) && validator.validate(bytes, first, second - first)
							&& validator.validate(bytes, second, bytes.length - second) && validator.isComplete())
						.as("split at %d and %d", first, second)
						.isTrue();
				}
			}
		}

		@Test
		void validTextFedOneByteAtATimeIsAccepted() {
			byte[] bytes = utf8(MIXED);
			Utf8Validator validator = new Utf8Validator();
			for (int i = 0; i < bytes.length; i++) {
				assertThat(validator.validate(bytes, i, 1)).as("byte %d", i).isTrue();
			}
			assertThat(validator.isComplete()).isTrue();
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', value = {
				"6.4.1 U+110000 after κόσμε | ce ba e1 bd b9 cf 83 ce bc ce b5 f4 90 80 80 65 64 69 74 65 64 | 12",
				"6.3.1 a surrogate after κόσμε | ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64 | 12",
				"a lone continuation after a long ASCII run "
						+ "| 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70 71 72 73 74 80 | 20",
				"an overlong form after a 3-byte character | e2 82 ac c0 80 | 3" })
		void theChunkHoldingTheFirstBadByteIsTheOneThatFails(String name, String hex, int badByte) {
			byte[] bytes = hex(hex);
			for (int split = 0; split <= bytes.length; split++) {
				Utf8Validator validator = new Utf8Validator();
				boolean firstChunk = validator.validate(bytes, 0, split);
				assertThat(firstChunk).as("first chunk of %d bytes", split).isEqualTo(split <= badByte);
				if (firstChunk) {
					assertThat(validator.validate(bytes, split, bytes.length - split)).as("second chunk from %d", split)
						.isFalse();
				}
			}
		}

	}

	@Nested
	@DisplayName("the eight-bytes-at-a-time ASCII path")
	class AsciiFastPath {

		@Test
		void aBadByteAtEveryPositionOfAsciiTextIsFound() {
			for (int length = 16; length <= 24; length++) {
				for (int position = 0; position < length; position++) {
					for (int bad : new int[] { 0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFF }) {
						for (int offset = 0; offset < 8; offset++) {
							byte[] bytes = asciiWith(offset, length, position, (byte) bad);
							Utf8Validator validator = new Utf8Validator();
							assertThat(validator.validate(bytes, offset, length))
								.as("%02x at %d of %d, offset %d", bad, position, length, offset)
								.isFalse();
						}
					}
				}
			}
		}

		@Test
		void aBadByteFedAloneAfterAsciiFailsThatChunk() {
			for (int length = 16; length <= 24; length++) {
				for (int position = 0; position < length; position++) {
					byte[] bytes = asciiWith(0, length, position, (byte) 0x80);
					Utf8Validator validator = new Utf8Validator();
					assertThat(validator.validate(bytes, 0, position)).isTrue();
					assertThat(validator.validate(bytes, position, length - position)).as("%d of %d", position, length)
						.isFalse();
				}
			}
		}

		@Test
		void aMultiByteCharacterAtEveryPositionOfAsciiTextIsAccepted() {
			for (String character : new String[] { "é", "€", "𝄞" }) {
				for (int length = 16; length <= 24; length++) {
					for (int position = 0; position <= length; position++) {
						byte[] bytes = utf8("x".repeat(position) + character + "y".repeat(length - position));
						Utf8Validator validator = new Utf8Validator();
						assertThat(validator.validate(bytes, 0, bytes.length) && validator.isComplete())
							.as("%s at %d of %d", character, position, length)
							.isTrue();
					}
				}
			}
		}

		@Test
		void bytesJustOutsideTheRangeAreNotRead() {
			for (int length = 0; length <= 24; length++) {
				for (int offset = 1; offset < 9; offset++) {
					byte[] bytes = asciiWith(offset, length, 0, (byte) 'a');
					bytes[offset - 1] = (byte) 0xFF;
					bytes[offset + length] = (byte) 0xFF;
					Utf8Validator validator = new Utf8Validator();
					assertThat(validator.validate(bytes, offset, length)).as("%d bytes at offset %d", length, offset)
						.isTrue();
				}
			}
		}

		private static byte[] asciiWith(int offset, int length, int position, byte bad) {
			byte[] bytes = new byte[offset + length + 8];
			for (int i = 0; i < bytes.length; i++) {
				bytes[i] = (byte) ('a' + i % 26);
			}
			if (length > 0) {
				bytes[offset + position] = bad;
			}
			return bytes;
		}

	}

	@Nested
	@DisplayName("agreement with the JDK's strict UTF-8 decoder")
	class JdkEquivalence {

		@Test
		void everyTwoByteArray() {
			byte[] bytes = new byte[2];
			for (int value = 0; value <= 0xFFFF; value++) {
				bytes[0] = (byte) (value >>> 8);
				bytes[1] = (byte) value;
				assertAgreesWithJdk(bytes);
			}
		}

		@Test
		void everyLeadAndSecondByteOfThreeAndFourByteForms() {
			int[] tails = { 0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF };
			for (int lead = 0xC0; lead <= 0xFF; lead++) {
				for (int second = 0; second <= 0xFF; second++) {
					for (int tail : tails) {
						assertAgreesWithJdk(new byte[] { (byte) lead, (byte) second, (byte) tail });
						assertAgreesWithJdk(new byte[] { (byte) lead, (byte) second, (byte) 0x80, (byte) tail });
						assertAgreesWithJdk(new byte[] { (byte) lead, (byte) second, (byte) tail, (byte) 0xBF });
					}
				}
			}
		}

		@Test
		void randomByteArraysBuiltFromValidAndBrokenPieces() {
			Random random = new Random(3629);
			for (int round = 0; round < 50_000; round++) {
				assertAgreesWithJdk(randomText(random));
			}
		}

		@Test
		void randomByteArraysFedInRandomChunksGiveTheSameVerdict() {
			Random random = new Random(8259);
			for (int round = 0; round < 20_000; round++) {
				byte[] bytes = randomText(random);
				Utf8Validator validator = new Utf8Validator();
				boolean valid = true;
				int done = 0;
				while (done < bytes.length) {
					int chunk = Math.min(bytes.length - done, random.nextInt(12));
					valid &= validator.validate(bytes, done, chunk);
					done += chunk;
				}
				assertThat(valid && validator.isComplete()).as(hex(bytes)).isEqualTo(jdkAccepts(bytes));
			}
		}

		private static byte[] randomText(Random random) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int pieces = random.nextInt(8);
			for (int p = 0; p < pieces; p++) {
				switch (random.nextInt(10)) {
					case 0, 1 -> out.writeBytes(utf8("abcdefghijklmnopqrstuvwxyz".substring(0, random.nextInt(27))));
					case 2, 3 -> out.writeBytes(utf8(Character.toString(randomScalarValue(random))));
					case 4 -> out.write(random.nextInt(256));
					case 5 -> out.write(0x80 + random.nextInt(0x40));
					case 6 -> out.write(0xC0 + random.nextInt(0x40));
					case 7 -> {
						byte[] character = utf8(Character.toString(randomScalarValue(random)));
						out.write(character, 0, random.nextInt(character.length + 1));
					}
					case 8 -> out.writeBytes(new byte[] { (byte) 0xED, (byte) (0x80 + random.nextInt(0x40)),
							(byte) (0x80 + random.nextInt(0x40)) });
					default -> out.writeBytes(new byte[] { (byte) (0xF0 + random.nextInt(8)),
							(byte) (0x80 + random.nextInt(0x40)), (byte) (0x80 + random.nextInt(0x40)),
							(byte) (0x80 + random.nextInt(0x40)) });
				}
			}
			return out.toByteArray();
		}

		private static int randomScalarValue(Random random) {
			int[] ceilings = { 0x80, 0x800, 0x10000, 0x110000 };
			while (true) {
				int codePoint = random.nextInt(ceilings[random.nextInt(4)]);
				if (codePoint < 0xD800 || codePoint > 0xDFFF) {
					return codePoint;
				}
			}
		}

		private static void assertAgreesWithJdk(byte[] bytes) {
			Utf8Validator validator = new Utf8Validator();
			boolean valid = validator.validate(bytes, 0, bytes.length) && validator.isComplete();
			if (valid != jdkAccepts(bytes)) {
				assertThat(valid).as("validator on %s", hex(bytes)).isEqualTo(jdkAccepts(bytes));
			}
		}

		/** Decodes through the result object rather than exceptions, which are slow to build by the million. */
		private static boolean jdkAccepts(byte[] bytes) {
			CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			CharBuffer out = CharBuffer.allocate(bytes.length + 1);
			CoderResult result = decoder.decode(ByteBuffer.wrap(bytes), out, true);
			return !result.isError() && !decoder.flush(out).isError();
		}

	}

	/** The index of the byte whose validation returns false when bytes are fed one at a time, or -1. */
	private static int firstFailingByteFedOneAtATime(byte[] bytes) {
		Utf8Validator validator = new Utf8Validator();
		for (int i = 0; i < bytes.length; i++) {
			if (!validator.validate(bytes, i, 1)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isCharacterBoundary(byte[] bytes, int index) {
		return index == bytes.length || (bytes[index] & 0xC0) != 0x80;
	}

	/** Autobahn 6.13.x: each lead byte of a range followed by a space. */
	static Stream<Arguments> lonelyStartCharacters() {
		return Stream.of(
				Arguments.of("6.13.1 C0..DE each followed by a space", lonely(0xC0, 0xDF), 0),
				Arguments.of("6.13.2 E0..EE each followed by a space", lonely(0xE0, 0xEF), 1),
				Arguments.of("6.13.3 F0..F6 each followed by a space", lonely(0xF0, 0xF7), 1),
				Arguments.of("6.13.4 F8..FA each followed by a space", lonely(0xF8, 0xFB), 0),
				Arguments.of("6.13.5 FC followed by a space", lonely(0xFC, 0xFD), 0),
				Arguments.of("C2 followed by a space", lonely(0xC2, 0xC3), 1));
	}

	private static byte[] lonely(int fromInclusive, int toExclusive) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		IntStream.range(fromInclusive, toExclusive).forEach((lead) -> {
			out.write(lead);
			out.write(' ');
		});
		return out.toByteArray();
	}

}
