package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.wsboot.testsupport.ClientFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wsboot.testsupport.ClientFrame.LengthForm;

import static dev.wsboot.protocol.FrameBytes.concat;
import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.testsupport.ClientFrame.mask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Rfc6455FrameDecoder}: client frames in, as bytes stated on the wire.
 */
class Rfc6455FrameDecoderTests {

	/** The RFC's masking key, {@code 37 fa 21 3d}, as it follows the length. */
	private static final String KEY = "37 fa 21 3d";

	private Rfc6455FrameDecoder decoder = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);

	@Nested
	@DisplayName("§5.7 examples, masked as a client sends them")
	class Section5_7Examples {

		@Test
		void maskedTextHello() {
			assertThat(decodeAll(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))).containsExactly("TEXT 48 65 6c 6c 6f");
		}

		@Test
		void fragmentedTextHelThenLo() {
			byte[] hel = hex("01 83 37 fa 21 3d 7f 9f 4d");
			byte[] lo = hex("80 82 37 fa 21 3d 5b 95");
			assertThat(decodeAll(hel, lo)).containsExactly("TEXT not final 48 65 6c", "CONTINUATION 6c 6f");
		}

		@Test
		void maskedPingHello() {
			assertThat(decodeAll(hex("89 85 37 fa 21 3d 7f 9f 4d 51 58"))).containsExactly("PING 48 65 6c 6c 6f");
		}

		@Test
		void maskedPongHello() {
			assertThat(decodeAll(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"))).containsExactly("PONG 48 65 6c 6c 6f");
		}

		@Test
		void maskedBinaryOf256BytesWithA16BitLength() {
			byte[] payload = FrameBytes.pattern(256);
			Frame frame = decodeOne(concat(hex("82 fe 01 00 " + KEY), mask(payload, ClientFrame.RFC_MASKING_KEY)));
			assertThat(frame.opcode()).isEqualTo(Opcode.BINARY);
			assertThat(frame.payload()).isEqualTo(payload);
		}

		@Test
		void maskedBinaryOf64KiBWithA64BitLength() {
			byte[] payload = FrameBytes.pattern(65536);
			Frame frame = decodeOne(
					concat(hex("82 ff 00 00 00 00 00 01 00 00 " + KEY), mask(payload, ClientFrame.RFC_MASKING_KEY)));
			assertThat(frame.opcode()).isEqualTo(Opcode.BINARY);
			assertThat(frame.payload()).isEqualTo(payload);
		}

		@Test
		void theUnmaskedHelloOfTheRfcIsRefusedFromAClient() {
			assertFailsWith(CloseCodes.PROTOCOL_ERROR, hex("81 05 48 65 6c 6c 6f"));
		}

	}

	@Nested
	@DisplayName("§5.2 payload length")
	class Section5_2PayloadLength {

		@ParameterizedTest(name = "{0} bytes after {1}")
		@CsvSource(delimiter = '|', value = {
				"0 | 82 80",
				"1 | 82 81",
				"125 | 82 fd",
				"126 | 82 fe 00 7e",
				"127 | 82 fe 00 7f",
				"65535 | 82 fe ff ff",
				"65536 | 82 ff 00 00 00 00 00 01 00 00",
				"1048576 | 82 ff 00 00 00 00 00 10 00 00" })
		void boundaryLengthIsDecodedFromItsForm(int length, String header) {
			byte[] payload = FrameBytes.pattern(length);
			byte[] wire = concat(hex(header + " " + KEY), mask(payload, ClientFrame.RFC_MASKING_KEY));
			assertThat(ClientFrame.binary(payload).bytes()).as("the test helper agrees").isEqualTo(wire);
			Frame frame = decodeOne(wire);
			assertThat(frame.payload()).hasSize(length).isEqualTo(payload);
		}

		@ParameterizedTest(name = "{0} bytes in the {1} form")
		@CsvSource({ "5, SIXTEEN_BIT", "5, SIXTY_FOUR_BIT", "125, SIXTEEN_BIT", "300, SIXTY_FOUR_BIT" })
		void lengthInALongerFormThanNeededIsAccepted(int length, LengthForm form) {
			byte[] payload = FrameBytes.pattern(length);
			Frame frame = decodeOne(ClientFrame.binary(payload).lengthForm(form).bytes());
			assertThat(frame.payload()).isEqualTo(payload);
		}

		@Test
		void emptyPayloadIsAnEmptyArray() {
			assertThat(decodeOne(hex("81 80 " + KEY)).payload()).isEmpty();
		}

		@Test
		void anyMaskingKeyIsAccepted() {
			for (int key : new int[] { 0, 0xFFFFFFFF, 0x80808080, 0x7F7F7F7F }) {
				byte[] payload = FrameBytes.pattern(33);
				assertThat(decodeOne(ClientFrame.binary(payload).maskingKey(key).bytes()).payload()).as("key %08x", key)
					.isEqualTo(payload);
			}
		}

		@Test
		void finIsReportedAsSent() {
			assertThat(decodeOne(ClientFrame.binary(new byte[1]).notFinal().bytes()).fin()).isFalse();
			assertThat(decodeOne(ClientFrame.binary(new byte[1]).bytes()).fin()).isTrue();
		}

	}

	@Nested
	@DisplayName("incremental decoding")
	class Incremental {

		@ParameterizedTest(name = "{0}")
		@MethodSource("dev.wsboot.protocol.Rfc6455FrameDecoderTests#vectors")
		void vectorFedOneByteAtATimeYieldsTheSameFrame(String name, byte[] wire) {
			List<String> whole = decodeAll(wire);
			useLimits(WebSocketLimits.DEFAULTS);
			assertThat(decodeAll(oneByteChunks(wire))).isEqualTo(whole).hasSize(1);
		}

		@Test
		void manyFramesInOneBufferAreDecodedInOrder() {
			List<String> expected = new ArrayList<>();
			List<byte[]> frames = new ArrayList<>();
			vectors().forEach((arguments) -> {
				byte[] wire = (byte[]) arguments.get()[1];
				frames.add(wire);
				expected.add(describe(new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS).decode(ByteBuffer.wrap(wire))));
			});
			assertThat(decodeAll(concat(frames.toArray(byte[][]::new)))).containsExactlyElementsOf(expected);
		}

		@Test
		void aStreamSplitAtEveryPositionYieldsTheSameFrames() {
			byte[] stream = smallVectorStream();
			List<String> expected = decodeAll(stream);
			assertThat(expected).hasSize(8);
			for (int split = 0; split <= stream.length; split++) {
				useLimits(WebSocketLimits.DEFAULTS);
				assertThat(decodeAll(Arrays.copyOf(stream, split), Arrays.copyOfRange(stream, split, stream.length)))
					.as("split at %d", split)
					.isEqualTo(expected);
			}
		}

		@Test
		void aStreamFedOneByteAtATimeYieldsTheSameFrames() {
			byte[] stream = smallVectorStream();
			List<String> expected = decodeAll(stream);
			useLimits(WebSocketLimits.DEFAULTS);
			assertThat(decodeAll(oneByteChunks(stream))).isEqualTo(expected);
		}

		@Test
		void nullMeansEveryByteOfTheBufferWasTaken() {
			byte[] wire = ClientFrame.text("Hello, world").bytes();
			for (int prefix = 0; prefix < wire.length; prefix++) {
				Rfc6455FrameDecoder fresh = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);
				ByteBuffer in = ByteBuffer.wrap(wire, 0, prefix);
				assertThat(fresh.decode(in)).as("prefix of %d", prefix).isNull();
				assertThat(in.hasRemaining()).as("prefix of %d", prefix).isFalse();
			}
		}

		@Test
		void aReturnedFrameLeavesTheBufferJustAfterIt() {
			byte[] first = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
			byte[] second = hex("89 80 00 00 00 00");
			ByteBuffer in = ByteBuffer.wrap(concat(first, second, hex("81")));
			assertThat(describe(decoder().decode(in))).isEqualTo("TEXT 48 65 6c 6c 6f");
			assertThat(in.position()).isEqualTo(first.length);
			assertThat(describe(decoder().decode(in))).isEqualTo("PING");
			assertThat(in.position()).isEqualTo(first.length + second.length);
			assertThat(decoder().decode(in)).isNull();
			assertThat(in.hasRemaining()).isFalse();
		}

		@Test
		void theCallerMayReuseItsBufferOnceNullIsReturned() {
			byte[] stream = smallVectorStream();
			ByteBuffer reused = ByteBuffer.allocate(7);
			List<String> frames = new ArrayList<>();
			for (int at = 0; at < stream.length; at += 7) {
				reused.clear();
				reused.put(stream, at, Math.min(7, stream.length - at));
				reused.flip();
				Frame frame;
				while ((frame = decoder().decode(reused)) != null) {
					frames.add(describe(frame));
				}
				Arrays.fill(reused.array(), (byte) 0xEE);
			}
			assertThat(frames).isEqualTo(decodeAllWithFreshDecoder(stream));
		}

		@Test
		void anEmptyBufferYieldsNothing() {
			assertThat(decoder().decode(ByteBuffer.allocate(0))).isNull();
			assertThat(decoder().partialOpcode()).isNull();
		}

		@Test
		void aPartialFrameShowsItsOpcodeAndTheUnmaskedBytesSoFar() {
			byte[] wire = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
			assertThat(decoder().decode(ByteBuffer.wrap(wire, 0, 9))).isNull();
			assertThat(decoder().partialOpcode()).isEqualTo(Opcode.TEXT);
			assertThat(decoder().partialLength()).isEqualTo(3);
			assertThat(Arrays.copyOf(decoder().partialPayload(), 3)).asString().isEqualTo("Hel");
		}

		@Test
		void aHeaderWithoutItsMaskingKeyIsNotYetAPartialFrame() {
			assertThat(decoder().decode(ByteBuffer.wrap(hex("81 85 37 fa")))).isNull();
			assertThat(decoder().partialOpcode()).isNull();
		}

		@Test
		void aLargeDeclaredFrameCostsNothingUntilItsBytesArrive() {
			byte[] header = ClientFrame.binary(new byte[0]).declaredLength(1 << 20).header();
			assertThat(decoder().decode(ByteBuffer.wrap(header))).isNull();
			assertThat(decoder().partialOpcode()).isEqualTo(Opcode.BINARY);
			assertThat(decoder().partialLength()).isZero();
			assertThat(decoder().partialPayload()).isEmpty();
		}

		@Test
		void thePartialPayloadGrowsWithWhatArrivesNotWithTheDeclaredLength() {
			byte[] wire = ClientFrame.binary(FrameBytes.pattern(1 << 20)).bytes();
			assertThat(decoder().decode(ByteBuffer.wrap(wire, 0, 14 + 100))).isNull();
			assertThat(decoder().partialLength()).isEqualTo(100);
			assertThat(decoder().partialPayload().length).isLessThanOrEqualTo(4096);
			Frame frame = decoder().decode(ByteBuffer.wrap(wire, 114, wire.length - 114));
			assertThat(frame.payload()).isEqualTo(FrameBytes.pattern(1 << 20));
		}

		@Test
		void onceAnEighthOfALargeFrameArrivedItsWholePayloadIsAllocatedOnce() {
			int length = 1 << 20;
			byte[] wire = ClientFrame.binary(FrameBytes.pattern(length)).bytes();
			int header = wire.length - length;
			assertThat(decoder().decode(ByteBuffer.wrap(wire, 0, header + length / 8))).isNull();
			byte[] payload = decoder().partialPayload();
			assertThat(payload).hasSize(length);
			assertThat(decoder().decode(ByteBuffer.wrap(wire, header + length / 8, length / 4))).isNull();
			assertThat(decoder().partialPayload()).as("not copied again").isSameAs(payload);
		}

		@Test
		void oneByteOfADeclared64KiBFrameCostsAFewHundredBytes() {
			// The hostile pattern: a header declaring 65,535 bytes, the key, and one byte.
			byte[] wire = ClientFrame.binary(FrameBytes.pattern(65_535)).bytes();
			assertThat(decoder().decode(ByteBuffer.wrap(wire, 0, 8 + 1))).isNull();
			assertThat(decoder().partialLength()).isEqualTo(1);
			assertThat(decoder().partialPayload().length).isLessThanOrEqualTo(256);
			int at = 9;
			for (int step = 1; at < wire.length; step *= 2) {
				int chunk = Math.min(step, wire.length - at);
				Frame frame = decoder().decode(ByteBuffer.wrap(wire, at, chunk));
				at += chunk;
				if (frame != null) {
					assertThat(frame.payload()).isEqualTo(FrameBytes.pattern(65_535));
					break;
				}
				assertThat(decoder().partialPayload().length).as("capacity after %d bytes", at - 8)
					.isLessThanOrEqualTo(Math.max(256, 8 * (at - 8)));
			}
			assertThat(at).isEqualTo(wire.length);
		}

		@Test
		void thePartialStateIsClearedWhenTheFrameCompletes() {
			byte[] wire = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");
			decoder().decode(ByteBuffer.wrap(wire, 0, 8));
			assertThat(decoder().decode(ByteBuffer.wrap(wire, 8, 3))).isNotNull();
			assertThat(decoder().partialOpcode()).isNull();
			assertThat(decoder().partialLength()).isZero();
		}

		@Test
		void aFramePayloadIsNotReusedForTheNextFrame() {
			byte[] first = ClientFrame.binary(FrameBytes.pattern(300)).bytes();
			byte[] second = ClientFrame.binary(new byte[300]).maskingKey(0x11223344).bytes();
			decoder().decode(ByteBuffer.wrap(first, 0, 100));
			Frame frame = decoder().decode(ByteBuffer.wrap(first, 100, first.length - 100));
			decoder().decode(ByteBuffer.wrap(second, 0, 200));
			decoder().decode(ByteBuffer.wrap(second, 200, second.length - 200));
			assertThat(frame.payload()).isEqualTo(FrameBytes.pattern(300));
		}

	}

	@Nested
	@DisplayName("§5.1, §5.2, §5.5 violations fail with 1002")
	class Violations {

		@Test
		void unmaskedClientFrameFailsOnItsSecondByte() {
			assertFailsOnByte(CloseCodes.PROTOCOL_ERROR, ClientFrame.text("Hello").unmasked().bytes(), 1);
		}

		@ParameterizedTest(name = "{0} RSV={1} on a {2} frame is a protocol error")
		@CsvSource({ "3.1, 1, TEXT", "3.2, 2, TEXT", "3.3, 3, TEXT", "3.4, 4, TEXT", "3.5, 5, BINARY", "3.6, 6, PING",
				"3.7, 7, CLOSE" })
		void reservedBitsWithoutAnExtensionAreAProtocolError(String autobahnCase, int rsv, Opcode opcode) {
			byte[] wire = ClientFrame.of(opcode.bits(), new byte[0]).rsv(rsv).bytes();
			assertFailsOnByte(CloseCodes.PROTOCOL_ERROR, wire, 1);
		}

		@ParameterizedTest(name = "{0} is a protocol error")
		@CsvSource({ "RSV1, c1", "RSV2, a1", "RSV3, 91" })
		void eachReservedBitAloneIsAProtocolError(String bit, String firstByte) {
			assertFailsWith(CloseCodes.PROTOCOL_ERROR, hex(firstByte + " 80 " + KEY));
		}

		@ParameterizedTest(name = "{0} opcode 0x{1} is a protocol error")
		@CsvSource({ "4.1.1, 3", "4.1.2, 4", "4.1.3, 5", "4.1.4, 6", "4.1.5, 7", "4.2.1, B", "4.2.2, C", "4.2.3, D",
				"4.2.4, E", "4.2.5, F" })
		void reservedOpcodeIsAProtocolError(String autobahnCase, String opcode) {
			byte[] wire = ClientFrame.of(Integer.parseInt(opcode, 16), FrameBytes.utf8("reserved")).bytes();
			assertFailsOnByte(CloseCodes.PROTOCOL_ERROR, wire, 1);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', value = {
				"2.5 a ping of 126 bytes | 89 fe 00 7e",
				"a pong of 126 bytes | 8a fe 00 7e",
				"7.3.6 a close of 126 bytes, a 124-byte reason | 88 fe 00 7e",
				"a ping with a 64-bit length | 89 ff 00 00 00 00 00 01 00 00" })
		void controlFrameOverHundredTwentyFiveBytesFailsOnItsSecondByte(String name, String header) {
			assertFailsOnByte(CloseCodes.PROTOCOL_ERROR, hex(header + " " + KEY), 1);
		}

		@ParameterizedTest(name = "{0}")
		@CsvSource(delimiter = '|', value = {
				"5.1 a ping with FIN clear | 09 80",
				"5.2 a pong with FIN clear | 0a 80",
				"a close with FIN clear | 08 82" })
		void fragmentedControlFrameFailsOnItsSecondByte(String name, String firstTwoBytes) {
			assertFailsOnByte(CloseCodes.PROTOCOL_ERROR, hex(firstTwoBytes + " " + KEY + " 00 00"), 1);
		}

		@ParameterizedTest(name = "declared length {0}")
		@ValueSource(strings = { "80 00 00 00 00 00 00 00", "80 00 00 00 00 00 00 05", "ff ff ff ff ff ff ff ff" })
		void sixtyFourBitLengthWithTheMostSignificantBitSetIsAProtocolError(String length) {
			assertFailsWith(CloseCodes.PROTOCOL_ERROR, hex("82 ff " + length + " " + KEY));
		}

		@Test
		void aPingOf125BytesIsTheLargestAccepted() {
			assertThat(decodeOne(ClientFrame.ping(FrameBytes.pattern(125)).bytes()).payload()).hasSize(125);
		}

	}

	@Nested
	@DisplayName("§10.4 frame size limit (1009), judged from the header")
	class Limits {

		@ParameterizedTest(name = "declared length {0}")
		@ValueSource(longs = { Long.MAX_VALUE, 1L << 31, (1L << 31) - 1, (1L << 32) + 5, (1 << 20) + 1 })
		void headerDeclaringMoreThanTheLimitFailsBeforeAnyPayload(long declared) {
			byte[] header = ClientFrame.binary(new byte[0]).declaredLength(declared).header();
			assertFailsWith(CloseCodes.MESSAGE_TOO_BIG, header);
			assertThat(decoder().partialPayload()).as("nothing allocated").isEmpty();
			assertThat(decoder().partialLength()).isZero();
		}

		@Test
		void headerDeclaringTwoToThe63MinusOneFailsOnItsLastByte() {
			byte[] header = hex("82 ff 7f ff ff ff ff ff ff ff " + KEY);
			assertFailsOnByte(CloseCodes.MESSAGE_TOO_BIG, header, header.length - 1);
		}

		@Test
		void frameOfExactlyTheLimitIsAccepted() {
			useLimits(new WebSocketLimits(200, 200));
			assertThat(decodeOne(ClientFrame.binary(FrameBytes.pattern(200)).bytes()).payload()).hasSize(200);
		}

		@Test
		void frameOneByteOverTheLimitIsTooBig() {
			useLimits(new WebSocketLimits(200, 200));
			assertFailsWith(CloseCodes.MESSAGE_TOO_BIG, hex("82 fe 00 c9 " + KEY));
		}

		@Test
		void theSmallestLimitStillAdmitsEveryControlFrame() {
			useLimits(new WebSocketLimits(125, 125));
			assertThat(decodeOne(ClientFrame.close(FrameBytes.pattern(125)).bytes()).payload()).hasSize(125);
		}

		@Test
		void aProtocolErrorInTheLengthComesBeforeTheSizeLimit() {
			assertFailsWith(CloseCodes.PROTOCOL_ERROR, hex("82 ff 80 00 00 00 00 00 00 00 " + KEY));
		}

	}

	/** The RFC vectors and boundary frames, one frame each. */
	static Stream<Arguments> vectors() {
		return Stream.of(
				Arguments.of("masked text Hello", hex("81 85 37 fa 21 3d 7f 9f 4d 51 58")),
				Arguments.of("fragment Hel", hex("01 83 37 fa 21 3d 7f 9f 4d")),
				Arguments.of("fragment lo", hex("80 82 37 fa 21 3d 5b 95")),
				Arguments.of("masked ping Hello", hex("89 85 37 fa 21 3d 7f 9f 4d 51 58")),
				Arguments.of("masked pong Hello", hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58")),
				Arguments.of("empty text", hex("81 80 " + KEY)),
				Arguments.of("close 1000", hex("88 82 37 fa 21 3d 34 12")),
				Arguments.of("binary of 125 bytes", ClientFrame.binary(FrameBytes.pattern(125)).bytes()),
				Arguments.of("binary of 126 bytes", ClientFrame.binary(FrameBytes.pattern(126)).bytes()),
				Arguments.of("binary of 256 bytes",
						concat(hex("82 fe 01 00 " + KEY), mask(FrameBytes.pattern(256), ClientFrame.RFC_MASKING_KEY))),
				Arguments.of("binary of 65535 bytes", ClientFrame.binary(FrameBytes.pattern(65535)).bytes()),
				Arguments.of("binary of 65536 bytes", concat(hex("82 ff 00 00 00 00 00 01 00 00 " + KEY),
						mask(FrameBytes.pattern(65536), ClientFrame.RFC_MASKING_KEY))));
	}

	/** Eight frames, short enough to split at every position. */
	private static byte[] smallVectorStream() {
		return concat(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), hex("01 83 37 fa 21 3d 7f 9f 4d"),
				hex("89 85 37 fa 21 3d 7f 9f 4d 51 58"), hex("80 82 37 fa 21 3d 5b 95"),
				hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), hex("81 80 " + KEY),
				ClientFrame.binary(FrameBytes.pattern(256)).maskingKey(0x01020304).bytes(),
				hex("88 82 37 fa 21 3d 34 12"));
	}

	private Rfc6455FrameDecoder decoder() {
		return this.decoder;
	}

	/** Starts over with a new decoder enforcing these limits. */
	private void useLimits(WebSocketLimits limits) {
		this.decoder = new Rfc6455FrameDecoder(limits);
	}

	private Frame decodeOne(byte[] wire) {
		ByteBuffer in = ByteBuffer.wrap(wire);
		Frame frame = this.decoder.decode(in);
		assertThat(frame).as("a whole frame").isNotNull();
		assertThat(in.hasRemaining()).as("nothing left after the frame").isFalse();
		return frame;
	}

	/** Feeds each chunk in turn, decoding until null, and checks null leaves nothing unread. */
	private List<String> decodeAll(byte[]... chunks) {
		List<String> frames = new ArrayList<>();
		for (byte[] chunk : chunks) {
			ByteBuffer in = ByteBuffer.wrap(chunk);
			Frame frame;
			while ((frame = this.decoder.decode(in)) != null) {
				frames.add(describe(frame));
			}
			assertThat(in.hasRemaining()).as("null returned with bytes left").isFalse();
		}
		return frames;
	}

	private static List<String> decodeAllWithFreshDecoder(byte[] wire) {
		Rfc6455FrameDecoder fresh = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);
		List<String> frames = new ArrayList<>();
		ByteBuffer in = ByteBuffer.wrap(wire);
		Frame frame;
		while ((frame = fresh.decode(in)) != null) {
			frames.add(describe(frame));
		}
		return frames;
	}

	private void assertFailsWith(int closeCode, byte[] wire) {
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(wire)))
			.extracting(ProtocolException::closeCode)
			.isEqualTo(closeCode);
	}

	/** Feeds one byte at a time: every byte before {@code index} is taken, that one fails. */
	private void assertFailsOnByte(int closeCode, byte[] wire, int index) {
		for (int i = 0; i < index; i++) {
			assertThat(this.decoder.decode(ByteBuffer.wrap(wire, i, 1))).as("byte %d", i).isNull();
		}
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> this.decoder.decode(ByteBuffer.wrap(wire, index, 1)))
			.extracting(ProtocolException::closeCode)
			.isEqualTo(closeCode);
	}

	private static byte[][] oneByteChunks(byte[] wire) {
		byte[][] chunks = new byte[wire.length][];
		for (int i = 0; i < wire.length; i++) {
			chunks[i] = new byte[] { wire[i] };
		}
		return chunks;
	}

	/** {@code "TEXT not final 48 65 6c"}: opcode, FIN when clear, RSV when set, payload. */
	static String describe(Frame frame) {
		StringBuilder text = new StringBuilder(frame.opcode().name());
		if (!frame.fin()) {
			text.append(" not final");
		}
		if (frame.rsv() != 0) {
			text.append(" rsv=").append(frame.rsv());
		}
		if (frame.payload().length > 0) {
			text.append(' ').append(frame.payload().length > 32 ? frame.payload().length + " bytes " + hashOf(frame)
					: hex(frame.payload()));
		}
		return text.toString();
	}

	private static String hashOf(Frame frame) {
		return Integer.toHexString(Arrays.hashCode(frame.payload()));
	}

}
