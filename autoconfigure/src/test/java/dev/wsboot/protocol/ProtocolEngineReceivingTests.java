package dev.wsboot.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import dev.wsboot.testsupport.ClientFrame;
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

/**
 * Tests for {@link ProtocolEngine} and the {@link MessageAssembler} behind it: data
 * frames, fragmentation, ping and pong, failing the connection and the message limit.
 * The closing handshake is in {@link ProtocolEngineClosingTests}, UTF-8 in
 * {@link ProtocolEngineUtf8Tests}.
 */
class ProtocolEngineReceivingTests {

	/** RFC 6455 §5.7: a masked text frame "Hello". */
	static final byte[] HELLO = hex("81 85 37 fa 21 3d 7f 9f 4d 51 58");

	/** RFC 6455 §5.7: the first fragment "Hel", masked. */
	static final byte[] HEL = hex("01 83 37 fa 21 3d 7f 9f 4d");

	/** RFC 6455 §5.7: the last fragment "lo", masked. */
	static final byte[] LO = hex("80 82 37 fa 21 3d 5b 95");

	/** RFC 6455 §5.7: a masked ping "Hello". */
	static final byte[] PING_HELLO = hex("89 85 37 fa 21 3d 7f 9f 4d 51 58");

	/** RFC 6455 §5.7: a masked pong "Hello". */
	static final byte[] PONG_HELLO = hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58");

	/** A masked close with code 1000. */
	static final byte[] CLOSE_1000 = hex("88 82 37 fa 21 3d 34 12");

	private RecordingTransport transport = new RecordingTransport();

	@Nested
	@DisplayName("§5.6 data frames")
	class Section5_6DataFrames {

		@Test
		void maskedTextHelloIsDeliveredAsText() {
			assertThat(receive(HELLO).events()).containsExactly("text:Hello");
		}

		@Test
		void binaryIsDeliveredAsItsBytes() {
			receive(ClientFrame.binary(hex("00 ff 80 7f")).bytes());
			assertThat(transport().events()).containsExactly("binary:00 ff 80 7f");
		}

		@Test
		@DisplayName("6.1.1 an empty text message is an empty string")
		void emptyTextIsAnEmptyString() {
			assertThat(receive(hex("81 80 37 fa 21 3d")).events()).containsExactly("text:");
		}

		@Test
		void emptyBinaryIsAnEmptyArray() {
			receive(hex("82 80 37 fa 21 3d"));
			assertThat(transport().binaries()).singleElement().satisfies((data) -> assertThat(data).isEmpty());
		}

		@ParameterizedTest(name = "{0} text message of {1} bytes")
		@CsvSource({ "1.1.1, 0", "1.1.2, 125", "1.1.3, 126", "1.1.4, 127", "1.1.5, 128", "1.1.6, 65535", "1.1.7, 65536" })
		void textOfBoundaryLengthIsDeliveredWhole(String autobahnCase, int length) {
			String text = "*".repeat(length);
			assertThat(receive(ClientFrame.text(text).bytes()).texts()).containsExactly(text);
		}

		@Test
		@DisplayName("1.1.8 a text message of 65536 bytes in chops of 997 bytes")
		void textOf64KiBInChopsOf997BytesIsDeliveredWhole() {
			String text = "*".repeat(65536);
			transport().receiveInChunksOf(997, ClientFrame.text(text).bytes());
			assertThat(transport().texts()).containsExactly(text);
		}

		@ParameterizedTest(name = "{0} binary message of {1} bytes")
		@CsvSource({ "1.2.1, 0", "1.2.2, 125", "1.2.3, 126", "1.2.4, 127", "1.2.5, 128", "1.2.6, 65535", "1.2.7, 65536" })
		void binaryOfBoundaryLengthIsDeliveredWhole(String autobahnCase, int length) {
			byte[] data = FrameBytes.pattern(length);
			assertThat(receive(ClientFrame.binary(data).bytes()).binaries()).singleElement().isEqualTo(data);
		}

		@Test
		void messagesInOneBufferAreDeliveredInOrder() {
			byte[] wire = concat(HELLO, ClientFrame.binary(hex("01")).bytes(), ClientFrame.text("world").bytes());
			assertThat(receive(wire).events()).containsExactly("text:Hello", "binary:01", "text:world");
		}

		@Test
		void aMessageIsDeliveredWhenItsLastByteArrivesAndNotBefore() {
			for (int i = 0; i < HELLO.length - 1; i++) {
				transport().receive(new byte[] { HELLO[i] });
				assertThat(transport().events()).as("after byte %d", i).isEmpty();
			}
			transport().receive(new byte[] { HELLO[HELLO.length - 1] });
			assertThat(transport().events()).containsExactly("text:Hello");
		}

		@Test
		void nothingIsSentForADataMessage() {
			assertThat(receive(HELLO).sent()).isEmpty();
		}

	}

	@Nested
	@DisplayName("§5.4 fragmentation")
	class Section5_4Fragmentation {

		@Test
		void rfcFragmentsHelAndLoAreOneMessage() {
			assertThat(receive(HEL, LO).events()).containsExactly("text:Hello");
		}

		@Test
		void fragmentsInOneBufferAreOneMessage() {
			assertThat(receive(concat(HEL, LO)).events()).containsExactly("text:Hello");
		}

		@Test
		void noMessageIsDeliveredBeforeTheLastFragment() {
			receive(HEL);
			assertThat(transport().events()).isEmpty();
			assertThat(transport().session().isInputDone()).isFalse();
		}

		@ParameterizedTest(name = "{0} fragments")
		@ValueSource(ints = { 1, 2, 3, 4, 5, 8, 13, 40 })
		void textInAnyNumberOfFragmentsInOneBufferIsOneMessage(int fragments) {
			String text = "fragmented text: κόσμε 😀 €";
			receive(concat(FrameBytes.fragments(Opcode.TEXT, utf8(text), fragments)));
			assertThat(transport().texts()).containsExactly(text);
		}

		@ParameterizedTest(name = "{0} fragments")
		@ValueSource(ints = { 1, 2, 3, 7, 100 })
		void binaryInAnyNumberOfFragmentsEachInItsOwnReadIsOneMessage(int fragments) {
			byte[] data = FrameBytes.pattern(1000);
			receive(FrameBytes.fragments(Opcode.BINARY, data, fragments));
			assertThat(transport().binaries()).singleElement().isEqualTo(data);
		}

		@Test
		@DisplayName("6.1.2 three empty fragments are an empty text message")
		void threeEmptyFragmentsAreAnEmptyMessage() {
			receive(ClientFrame.text("").notFinal().bytes(), ClientFrame.continuation("").notFinal().bytes(),
					ClientFrame.continuation("").bytes());
			assertThat(transport().events()).containsExactly("text:");
		}

		@Test
		@DisplayName("6.1.3 empty first and last fragments around a non-empty one")
		void emptyFirstAndLastFragmentsAroundANonEmptyOne() {
			receive(ClientFrame.text("").notFinal().bytes(), ClientFrame.continuation("middle").notFinal().bytes(),
					ClientFrame.continuation("").bytes());
			assertThat(transport().events()).containsExactly("text:middle");
		}

		@Test
		@DisplayName("5.6 a ping between fragments is answered and the message still delivered whole")
		void pingBetweenFragmentsIsAnsweredAndTheMessageDeliveredWhole() {
			receive(HEL, PING_HELLO, LO);
			assertThat(transport().events()).containsExactly("sent PONG:48 65 6c 6c 6f", "ping:48 65 6c 6c 6f",
					"text:Hello");
		}

		@Test
		void theRfcSequenceHelPingLoInOneBufferIsAPongThenHello() {
			receive(concat(HEL, PING_HELLO, LO));
			assertThat(transport().events()).containsExactly("sent PONG:48 65 6c 6c 6f", "ping:48 65 6c 6c 6f",
					"text:Hello");
		}

		@Test
		@DisplayName("5.19 five fragments with two pings between them")
		void fiveFragmentsWithTwoPingsBetweenThem() {
			String ping1 = hex(utf8("pongme 1!"));
			String ping2 = hex(utf8("pongme 2!"));
			receive(ClientFrame.text("fragment1").notFinal().bytes(),
					ClientFrame.continuation("fragment2").notFinal().bytes(),
					ClientFrame.ping(utf8("pongme 1!")).bytes(),
					ClientFrame.continuation("fragment3").notFinal().bytes(),
					ClientFrame.continuation("fragment4").notFinal().bytes(),
					ClientFrame.ping(utf8("pongme 2!")).bytes(),
					ClientFrame.continuation("fragment5").bytes());
			assertThat(transport().events()).containsExactly("sent PONG:" + ping1, "ping:" + ping1,
					"sent PONG:" + ping2, "ping:" + ping2, "text:fragment1fragment2fragment3fragment4fragment5");
		}

		@Test
		void pongBetweenFragmentsIsReportedAndTheMessageDeliveredWhole() {
			receive(HEL, PONG_HELLO, LO);
			assertThat(transport().events()).containsExactly("pong:48 65 6c 6c 6f", "text:Hello");
		}

		@Test
		void aMessageAfterAFragmentedOneIsItsOwn() {
			receive(HEL, LO, ClientFrame.binary(hex("02")).notFinal().bytes(), ClientFrame.continuation(hex("03")).bytes());
			assertThat(transport().events()).containsExactly("text:Hello", "binary:02 03");
		}

		@Test
		@DisplayName("5.9 a final continuation with nothing to continue is a protocol error")
		void finalContinuationWithNothingToContinueIsAProtocolError() {
			receive(concat(ClientFrame.continuation("non-continuation payload").bytes(), HELLO));
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
			assertThat(transport().texts()).isEmpty();
		}

		@Test
		void continuationWithNothingToContinueIsAnsweredWithAClosePayloadStarting03Ea() {
			receive(ClientFrame.continuation("lo").bytes());
			RecordingTransport.SentFrame close = transport().sent().get(0);
			assertThat(close.opcode()).isEqualTo(Opcode.CLOSE);
			assertThat(Arrays.copyOf(close.payload(), 2)).inHexadecimal().containsExactly(hex("03 ea"));
			assertThat(transport().events()).containsExactly("sent CLOSE:03 ea +reason", "protocol error:1002");
		}

		@Test
		@DisplayName("5.12 a non-final continuation with nothing to continue is a protocol error")
		void nonFinalContinuationWithNothingToContinueIsAProtocolError() {
			receive(ClientFrame.continuation("non-continuation payload").notFinal().bytes(), HELLO);
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
			assertThat(transport().texts()).isEmpty();
		}

		@Test
		@DisplayName("5.15 a continuation after a completed message is a protocol error")
		void continuationAfterACompletedMessageIsAProtocolError() {
			receive(concat(ClientFrame.text("fragment1").notFinal().bytes(), ClientFrame.continuation("fragment2").bytes(),
					ClientFrame.continuation("fragment3").notFinal().bytes(), ClientFrame.continuation("fragment4").bytes()));
			assertThat(transport().texts()).containsExactly("fragment1fragment2");
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		@DisplayName("5.18 a new text frame while a text message is open is a protocol error")
		void newTextWhileAMessageIsOpenIsAProtocolError() {
			receive(ClientFrame.text("fragment1").notFinal().bytes(), ClientFrame.text("fragment2").bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
			assertThat(transport().texts()).isEmpty();
		}

		@Test
		void newBinaryWhileATextMessageIsOpenIsAProtocolError() {
			receive(HEL, ClientFrame.binary(hex("01")).bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		void newTextWhileABinaryMessageIsOpenIsAProtocolError() {
			receive(ClientFrame.binary(hex("01")).notFinal().bytes(), HELLO);
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
		}

	}

	@Nested
	@DisplayName("§5.5.2, §5.5.3 ping and pong")
	class Section5_5_2PingAndPong {

		@Test
		@DisplayName("2.1 a ping with no payload is answered with an empty pong")
		void pingWithNoPayloadIsAnsweredWithAnEmptyPong() {
			assertThat(receive(hex("89 80 37 fa 21 3d")).events()).containsExactly("sent PONG:", "ping:");
		}

		@Test
		@DisplayName("2.2 a ping with a text payload is answered with the same payload")
		void pingWithTextPayloadIsAnsweredWithTheSamePayload() {
			receive(ClientFrame.ping(utf8("Hello, world!")).bytes());
			assertThat(transport().sent()).singleElement().satisfies((pong) -> {
				assertThat(pong.opcode()).isEqualTo(Opcode.PONG);
				assertThat(pong.payload()).asString().isEqualTo("Hello, world!");
			});
		}

		@Test
		@DisplayName("2.3 a ping with a binary payload is answered with the same bytes")
		void pingWithBinaryPayloadIsAnsweredWithTheSameBytes() {
			receive(ClientFrame.ping(hex("00 ff fe fd fc fb 00 ff")).bytes());
			assertThat(transport().events()).containsExactly("sent PONG:00 ff fe fd fc fb 00 ff",
					"ping:00 ff fe fd fc fb 00 ff");
		}

		@Test
		@DisplayName("2.4 a ping of 125 bytes is echoed exactly")
		void pingOf125BytesIsEchoedExactly() {
			byte[] payload = FrameBytes.pattern(125);
			receive(ClientFrame.ping(payload).bytes());
			assertThat(transport().sent()).singleElement()
				.satisfies((pong) -> assertThat(pong.payload()).inHexadecimal().containsExactly(payload));
		}

		@Test
		@DisplayName("2.5 a ping of 126 bytes is a protocol error and is not answered")
		void pingOf126BytesIsAProtocolError() {
			receive(ClientFrame.ping(FrameBytes.pattern(126)).bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
			assertThat(transport().sent()).noneMatch((frame) -> frame.opcode() == Opcode.PONG);
		}

		@Test
		@DisplayName("2.6 a ping of 125 bytes fed one byte at a time is echoed exactly")
		void pingOf125BytesFedOneByteAtATimeIsEchoedExactly() {
			byte[] payload = FrameBytes.pattern(125);
			transport().receiveOneByteAtATime(ClientFrame.ping(payload).bytes());
			assertThat(transport().sent()).singleElement()
				.satisfies((pong) -> assertThat(pong.payload()).isEqualTo(payload));
		}

		@Test
		@DisplayName("2.7 an unsolicited empty pong is reported and not answered")
		void unsolicitedEmptyPongIsReportedOnly() {
			assertThat(receive(hex("8a 80 37 fa 21 3d")).events()).containsExactly("pong:");
		}

		@Test
		@DisplayName("2.8 an unsolicited pong with a payload is reported and not answered")
		void unsolicitedPongWithAPayloadIsReportedOnly() {
			assertThat(receive(PONG_HELLO).events()).containsExactly("pong:48 65 6c 6c 6f");
		}

		@Test
		@DisplayName("2.9 a pong then a ping: only the ping is answered")
		void pongThenPingOnlyThePingIsAnswered() {
			receive(ClientFrame.pong(utf8("ping payload")).bytes(), ClientFrame.ping(utf8("ping payload")).bytes());
			assertThat(transport().events()).containsExactly("pong:" + hex(utf8("ping payload")),
					"sent PONG:" + hex(utf8("ping payload")), "ping:" + hex(utf8("ping payload")));
		}

		@Test
		@DisplayName("2.10 ten pings are answered by ten pongs in order")
		void tenPingsAreAnsweredInOrder() {
			receive(tenPings());
			assertThat(transport().sent()).extracting((pong) -> new String(pong.payload(), StandardCharsets.UTF_8))
				.containsExactly(tenPayloads());
		}

		@Test
		@DisplayName("2.11 ten pings fed one byte at a time are answered in order")
		void tenPingsFedOneByteAtATimeAreAnsweredInOrder() {
			transport().receiveOneByteAtATime(concat(tenPings()));
			assertThat(transport().sent()).extracting((pong) -> new String(pong.payload(), StandardCharsets.UTF_8))
				.containsExactly(tenPayloads());
		}

		private static String[] tenPayloads() {
			return IntStream.range(0, 10).mapToObj((i) -> "payload-" + i).toArray(String[]::new);
		}

		private static byte[][] tenPings() {
			return Arrays.stream(tenPayloads())
				.map((payload) -> ClientFrame.ping(utf8(payload)).bytes())
				.toArray(byte[][]::new);
		}

		@Test
		@DisplayName("a ping after the server's close is still answered: only a received close exempts it")
		void aPingAfterTheServerSentCloseIsStillAnswered() {
			transport().session().close(CloseStatus.NORMAL);
			receive(PING_HELLO);
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e8", "sent PONG:48 65 6c 6c 6f",
					"ping:48 65 6c 6c 6f");
		}

		@Test
		void noPingIsSentOnceTheClosingHandshakeBegan() {
			assertThat(transport().session().sendPing(utf8("before"))).isTrue();
			transport().session().close(CloseStatus.NORMAL);
			assertThat(transport().session().sendPing(utf8("after"))).isFalse();
			assertThat(transport().events()).containsExactly("sent PING:" + hex(utf8("before")), "sent CLOSE:03 e8");
		}

		@Test
		void noPingIsSentAfterThePeersClose() {
			transport().session().close(CloseStatus.NORMAL);
			receive(CLOSE_1000);
			assertThat(transport().session().sendPing(utf8("after"))).isFalse();
		}

	}

	@Nested
	@DisplayName("§7.1.7 failing the connection")
	class Section7_1_7Failing {

		@Test
		@DisplayName("3.2 a text, then a text with RSV=2, then a ping: the first text is delivered, then the close")
		void messageBeforeABadFrameInTheSameBufferIsDeliveredFirst() {
			receive(concat(HELLO, ClientFrame.text("Hello").rsv(2).bytes(), PING_HELLO));
			assertThat(transport().events()).containsExactly("text:Hello", "sent CLOSE:03 ea +reason",
					"protocol error:1002");
		}

		@Test
		@DisplayName("3.4 a text, then a text with RSV=4 fed one byte at a time, then a ping")
		void messageBeforeABadFrameFedOneByteAtATimeIsDeliveredFirst() {
			transport().receiveOneByteAtATime(concat(HELLO, ClientFrame.text("Hello").rsv(4).bytes(), PING_HELLO));
			assertThat(transport().events()).containsExactly("text:Hello", "sent CLOSE:03 ea +reason",
					"protocol error:1002");
		}

		@Test
		@DisplayName("4.1.3 a text, then reserved opcode 5, then a ping: the text is delivered, then the close")
		void messageBeforeAReservedOpcodeIsDeliveredFirst() {
			receive(concat(HELLO, ClientFrame.of(5, new byte[0]).bytes(), PING_HELLO));
			assertThat(transport().events()).containsExactly("text:Hello", "sent CLOSE:03 ea +reason",
					"protocol error:1002");
		}

		@Test
		void unmaskedFrameFailsTheConnectionWith1002() {
			receive(hex("81 05 48 65 6c 6c 6f"));
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
			assertThat(transport().texts()).isEmpty();
		}

		@Test
		void nothingIsReadAfterAFailure() {
			receive(concat(ClientFrame.continuation("x").bytes(), HELLO, PING_HELLO));
			receive(HELLO, PING_HELLO, CLOSE_1000);
			assertThat(transport().events()).containsExactly("sent CLOSE:03 ea +reason", "protocol error:1002");
		}

		@Test
		void aFailureAfterTheServerSentCloseSendsNoSecondClose() {
			transport().session().close(CloseStatus.GOING_AWAY);
			receive(ClientFrame.text("x").rsv(1).bytes());
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e9", "protocol error:1002");
		}

		@Test
		void theCloseReasonIsTheErrorMessageCutToFit() {
			receive(ClientFrame.of(0xB, new byte[0]).bytes());
			byte[] payload = transport().sent().get(0).payload();
			assertThat(payload.length).isLessThanOrEqualTo(125);
			assertThat(new String(payload, 2, payload.length - 2)).isEqualTo(transport().errors().get(0).getMessage());
		}

	}

	@Nested
	@DisplayName("§10.4 message size limit (1009)")
	class Section10_4Limits {

		@Test
		void fragmentsAddingUpToTheLimitAreDelivered() {
			useLimits(new WebSocketLimits(125, 300));
			receive(FrameBytes.fragments(Opcode.BINARY, FrameBytes.pattern(300), 3));
			assertThat(transport().binaries()).singleElement().isEqualTo(FrameBytes.pattern(300));
		}

		@Test
		void theFragmentThatGoesOverTheLimitFailsTheConnection() {
			useLimits(new WebSocketLimits(125, 300));
			byte[][] fragments = FrameBytes.fragments(Opcode.BINARY, FrameBytes.pattern(400), 4);
			receive(fragments[0], fragments[1], fragments[2]);
			assertThat(transport().errors()).isEmpty();
			receive(fragments[3]);
			transport().assertFailedWith(CloseCodes.MESSAGE_TOO_BIG);
			assertThat(transport().binaries()).isEmpty();
		}

		@Test
		void textOverTheLimitAcrossFragmentsIsTooBig() {
			useLimits(new WebSocketLimits(125, 200));
			receive(FrameBytes.fragments(Opcode.TEXT, utf8("x".repeat(201)), 3));
			transport().assertFailedWith(CloseCodes.MESSAGE_TOO_BIG);
		}

		@Test
		void singleFrameOverTheMessageLimitIsTooBig() {
			useLimits(new WebSocketLimits(1000, 300));
			receive(ClientFrame.binary(FrameBytes.pattern(301)).bytes());
			transport().assertFailedWith(CloseCodes.MESSAGE_TOO_BIG);
		}

		@Test
		void frameOverTheFrameLimitIsAnsweredWithAClosePayloadStarting03F1() {
			useLimits(new WebSocketLimits(200, 1000));
			receive(ClientFrame.binary(new byte[0]).declaredLength(201).header());
			transport().assertFailedWith(CloseCodes.MESSAGE_TOO_BIG);
			assertThat(Arrays.copyOf(transport().sent().get(0).payload(), 2)).inHexadecimal()
				.containsExactly(hex("03 f1"));
		}

		@Test
		void headerDeclaringTwoToThe63MinusOneBytesFailsWithNoPayloadSent() {
			receive(hex("82 ff 7f ff ff ff ff ff ff ff 37 fa 21 3d"));
			transport().assertFailedWith(CloseCodes.MESSAGE_TOO_BIG);
		}

	}

	@Nested
	@DisplayName("the same events however the bytes are split")
	class SplitInvariance {

		@Test
		void aConversationGivesTheSameEventsFedWholeOneByteAtATimeOrSplitAnywhere() {
			byte[] conversation = concat(HELLO, HEL, PING_HELLO, PONG_HELLO, LO,
					ClientFrame.binary(FrameBytes.pattern(300)).maskingKey(0x0BADF00D).bytes(),
					ClientFrame.text(utf8("κό")).notFinal().bytes(),
					ClientFrame.continuation(hex("cf")).notFinal().bytes(),
					ClientFrame.continuation(hex("83 ce bc ce b5")).bytes(),
					ClientFrame.text("€".repeat(50)).bytes(), CLOSE_1000, HELLO);
			assertSameEventsHoweverSplit(conversation, List.of("text:Hello", "sent PONG:48 65 6c 6c 6f",
					"ping:48 65 6c 6c 6f", "pong:48 65 6c 6c 6f", "text:Hello", "binary:(300 bytes)", "text:κόσμε",
					"text:" + "€".repeat(50), "sent CLOSE:03 e8", "close received:1000"));
		}

		@Test
		void aFailingConversationGivesTheSameEventsHoweverSplit() {
			byte[] conversation = concat(HELLO, ClientFrame.text(hex("ce ba e1 bd")).notFinal().bytes(),
					ClientFrame.continuation(hex("b9 ed a0 80")).bytes(), HELLO);
			assertSameEventsHoweverSplit(conversation,
					List.of("text:Hello", "sent CLOSE:03 ef +reason", "protocol error:1007"));
		}

		private void assertSameEventsHoweverSplit(byte[] wire, List<String> expected) {
			assertThat(new RecordingTransport().receive(wire).events()).as("whole").isEqualTo(expected);
			assertThat(new RecordingTransport().receiveOneByteAtATime(wire).events()).as("one byte at a time")
				.isEqualTo(expected);
			for (int split = 1; split < wire.length; split++) {
				RecordingTransport twoReads = new RecordingTransport();
				twoReads.receive(Arrays.copyOf(wire, split), Arrays.copyOfRange(wire, split, wire.length));
				assertThat(twoReads.events()).as("split at %d", split).isEqualTo(expected);
			}
		}

	}

	private RecordingTransport transport() {
		return this.transport;
	}

	private RecordingTransport receive(byte[]... chunks) {
		return this.transport.receive(chunks);
	}

	private void useLimits(WebSocketLimits limits) {
		this.transport = new RecordingTransport(limits);
	}

}
