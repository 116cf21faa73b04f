package dev.wsboot.protocol;

import java.util.Arrays;

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
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.CLOSE_1000;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.HEL;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.HELLO;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.LO;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.PING_HELLO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the closing handshake of {@link ProtocolEngine}.
 */
class ProtocolEngineClosingTests {

	private final RecordingTransport transport = new RecordingTransport();

	@Nested
	@DisplayName("§5.5.1 a close from the client")
	class Section5_5_1ClientClose {

		@Test
		@DisplayName("7.3.3 a close with code 1000 is echoed as 03 e8")
		void closeWithNormalClosureIsEchoed() {
			assertThat(receive(CLOSE_1000).events()).containsExactly("sent CLOSE:03 e8", "close received:1000");
		}

		@Test
		@DisplayName("7.3.1 an empty close is answered with an empty close")
		void emptyCloseIsAnsweredWithAnEmptyClose() {
			assertThat(receive(hex("88 80 37 fa 21 3d")).events()).containsExactly("sent CLOSE:", "close received:1005");
		}

		@Test
		@DisplayName("7.3.4 a close with a reason is echoed with its code and reported with its reason")
		void closeWithAReasonIsEchoedWithItsCode() {
			receive(ClientFrame.close(concat(hex("03 e8"), utf8("Ok, closing!"))).bytes());
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e8", "close received:1000 Ok, closing!");
		}

		@Test
		@DisplayName("7.3.5 a close with a reason of 123 bytes is accepted")
		void closeWithA123ByteReasonIsAccepted() {
			receive(ClientFrame.close(concat(hex("03 e8"), utf8("*".repeat(123)))).bytes());
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e8", "close received:1000 " + "*".repeat(123));
		}

		@ParameterizedTest(name = "{0} close code {1} is echoed as {2}")
		@CsvSource({ "7.7.1, 1000, 03 e8", "7.7.2, 1001, 03 e9", "7.7.3, 1002, 03 ea", "7.7.4, 1003, 03 eb",
				"7.7.5, 1007, 03 ef", "7.7.6, 1008, 03 f0", "7.7.7, 1009, 03 f1", "7.7.8, 1010, 03 f2",
				"7.7.9, 1011, 03 f3", "7.7.10, 3000, 0b b8", "7.7.11, 3999, 0f 9f", "7.7.12, 4000, 0f a0",
				"7.7.13, 4999, 13 87" })
		void validCloseCodeIsEchoed(String autobahnCase, int code, String echo) {
			receive(ClientFrame.close(code).bytes());
			assertThat(transport().events()).containsExactly("sent CLOSE:" + echo, "close received:" + code);
		}

		@ParameterizedTest(name = "{0} close code {1} is a protocol error")
		@CsvSource({ "7.9.1, 0", "7.9.2, 999", "7.9.3, 1004", "7.9.4, 1005", "7.9.5, 1006", "7.9.6, 1016",
				"7.9.7, 1100", "7.9.8, 2000", "7.9.9, 2999" })
		void invalidCloseCodeIsAProtocolError(String autobahnCase, int code) {
			receive(ClientFrame.close(code).bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
			assertThat(transport().events()).noneMatch((event) -> event.startsWith("close received"));
		}

		@ParameterizedTest(name = "close code {0} is a protocol error")
		@ValueSource(ints = { 1015, 5000, 65535 })
		void otherCloseCodesThatMayNotBeSentAreProtocolErrors(int code) {
			receive(ClientFrame.close(code).bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		@DisplayName("7.3.2 a close with a one-byte payload is a protocol error")
		void closeWithAOneBytePayloadIsAProtocolError() {
			receive(ClientFrame.close(hex("03")).bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		@DisplayName("7.3.6 a close with a 124-byte reason is a protocol error")
		void closeWithA124ByteReasonIsAProtocolError() {
			receive(ClientFrame.close(concat(hex("03 e8"), utf8("*".repeat(124)))).bytes());
			transport().assertFailedWith(CloseCodes.PROTOCOL_ERROR);
		}

		@Test
		@DisplayName("7.5.1 a close with a reason that is not UTF-8 is invalid payload data")
		void closeWithAReasonThatIsNotUtf8IsInvalidPayload() {
			receive(ClientFrame.close(hex("03 e8 ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64")).bytes());
			transport().assertFailedWith(CloseCodes.INVALID_PAYLOAD);
		}

		@Test
		void theClientCloseEndsInputAndMarksTheCloseSent() {
			assertThat(transport().session().isInputDone()).isFalse();
			receive(CLOSE_1000);
			assertThat(transport().session().isInputDone()).isTrue();
			assertThat(transport().session().isCloseSent()).isTrue();
		}

		@Test
		void aCloseFedOneByteAtATimeIsEchoed() {
			transport().receiveOneByteAtATime(ClientFrame.close(concat(hex("0b b8"), utf8("bye"))).bytes());
			assertThat(transport().events()).containsExactly("sent CLOSE:0b b8", "close received:3000 bye");
		}

	}

	@Nested
	@DisplayName("§5.5.1 nothing is read after the client's close")
	class Section5_5_1AfterTheClientClose {

		@Test
		@DisplayName("7.1.1 a text then a close: the text is delivered, then the close echoed")
		void textThenCloseDeliversTheTextThenEchoes() {
			assertThat(receive(concat(HELLO, CLOSE_1000)).events()).containsExactly("text:Hello", "sent CLOSE:03 e8",
					"close received:1000");
		}

		@Test
		@DisplayName("7.1.2 a second close is ignored")
		void secondCloseIsIgnored() {
			assertThat(receive(concat(CLOSE_1000, CLOSE_1000)).events()).containsExactly("sent CLOSE:03 e8",
					"close received:1000");
		}

		@Test
		@DisplayName("7.1.3 a ping after the close is not answered")
		void pingAfterTheCloseIsNotAnswered() {
			assertThat(receive(concat(CLOSE_1000, PING_HELLO)).events()).containsExactly("sent CLOSE:03 e8",
					"close received:1000");
		}

		@Test
		@DisplayName("7.1.4 a text after the close in the same buffer is not delivered")
		void textAfterTheCloseInTheSameBufferIsNotDelivered() {
			assertThat(receive(concat(CLOSE_1000, HELLO)).events()).containsExactly("sent CLOSE:03 e8",
					"close received:1000");
		}

		@Test
		@DisplayName("7.1.5 a fragment, a close, a fragment: no message")
		void fragmentCloseFragmentDeliversNoMessage() {
			assertThat(receive(concat(HEL, CLOSE_1000, LO)).events()).containsExactly("sent CLOSE:03 e8",
					"close received:1000");
		}

		@Test
		void laterReadsAreIgnored() {
			receive(CLOSE_1000);
			receive(HELLO, PING_HELLO, ClientFrame.continuation("x").bytes(), hex("ff ff ff"));
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e8", "close received:1000");
		}

		@Test
		void evenBrokenBytesAfterTheCloseAreNotRead() {
			receive(concat(CLOSE_1000, hex("81 05 48 65 6c 6c 6f")));
			assertThat(transport().errors()).isEmpty();
		}

	}

	@Nested
	@DisplayName("§5.5.1, §7.1.2 a close started by the server")
	class Section7_1_2ServerClose {

		@Test
		void closeSendsTheStatusOnce() {
			assertThat(transport().session().close(new CloseStatus(4000, "bye"))).isTrue();
			assertThat(transport().session().close(CloseStatus.NORMAL)).isFalse();
			assertThat(transport().sent()).singleElement()
				.satisfies((close) -> assertThat(close.payload()).inHexadecimal().containsExactly(hex("0f a0 62 79 65")));
			assertThat(transport().session().isCloseSent()).isTrue();
			assertThat(transport().session().isInputDone()).isFalse();
		}

		@Test
		void closeWithAStatusThatMayNotBeSentHasAnEmptyPayload() {
			transport().session().close(CloseStatus.NO_STATUS);
			assertThat(transport().events()).containsExactly("sent CLOSE:");
		}

		@Test
		void theClientsCloseAfterTheServersIsNotEchoedAgain() {
			transport().session().close(CloseStatus.GOING_AWAY);
			receive(CLOSE_1000);
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e9", "close received:1000");
			assertThat(transport().session().isInputDone()).isTrue();
		}

		@Test
		void dataFramesAfterTheServerSentCloseAreIgnored() {
			transport().session().close(CloseStatus.NORMAL);
			receive(HELLO, HEL, LO, ClientFrame.binary(hex("01")).bytes(), CLOSE_1000);
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e8", "close received:1000");
		}

		@Test
		void dataFramesAfterTheServerSentCloseAreIgnoredHoweverTheBytesAreSplit() {
			byte[] wire = concat(HEL, LO, CLOSE_1000);
			for (int split = 1; split < wire.length; split++) {
				RecordingTransport twoReads = new RecordingTransport();
				twoReads.session().close(CloseStatus.NORMAL);
				twoReads.receive(Arrays.copyOf(wire, split), Arrays.copyOfRange(wire, split, wire.length));
				assertThat(twoReads.events()).as("split at %d", split)
					.containsExactly("sent CLOSE:03 e8", "close received:1000");
			}
		}

		@Test
		void textAfterTheServerSentCloseIsNotCheckedWhileItArrives() {
			transport().session().close(CloseStatus.NORMAL);
			byte[] invalidText = ClientFrame.text(hex("ce ba ed a0 80 20 20")).bytes();
			receive(Arrays.copyOf(invalidText, 10), Arrays.copyOfRange(invalidText, 10, invalidText.length), CLOSE_1000);
			assertThat(transport().events()).containsExactly("sent CLOSE:03 e8", "close received:1000");
		}

		@Test
		void aPingAfterTheServerSentCloseIsAnsweredUntilThePeersCloseArrives() {
			transport().session().close(CloseStatus.NORMAL);
			receive(PING_HELLO, CLOSE_1000, PING_HELLO);
			assertThat(transport().sent()).extracting(RecordingTransport.SentFrame::opcode)
				.containsExactly(Opcode.CLOSE, Opcode.PONG);
		}

	}

	private RecordingTransport transport() {
		return this.transport;
	}

	private RecordingTransport receive(byte[]... chunks) {
		return this.transport.receive(chunks);
	}

}
