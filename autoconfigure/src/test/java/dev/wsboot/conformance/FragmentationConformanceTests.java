package dev.wsboot.conformance;

import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Autobahn section 5: fragmented messages are reassembled, control frames may come between
 * fragments and are answered at once, and a continuation with nothing to continue, a new
 * message while one is open, or a fragmented control frame fail the connection with 1002
 * (RFC 6455 §5.4, §5.5).
 */
@DisplayName("5 Fragmentation")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class FragmentationConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	@Parameter
	Dispatch dispatch;

	private RawWsClient connect() {
		return server.open(dispatch);
	}

	@Nested
	@DisplayName("Fragmented messages are reassembled")
	class Reassembled {

		private final ClientFrame[] twoFragments = { ClientFrame.text("fragment1").notFinal(),
				ClientFrame.continuation("fragment2") };

		@Test
		@DisplayName("5.3 text in 2 fragments, one write")
		void textInTwoFragments() {
			try (RawWsClient ws = connect()) {
				ws.send(this.twoFragments);
				ws.expectText("fragment1fragment2");
			}
		}

		@Test
		@DisplayName("5.4 text in 2 fragments, one write per frame")
		void textInTwoFragmentsFrameWise() {
			try (RawWsClient ws = connect()) {
				ws.sendEach(this.twoFragments);
				ws.expectText("fragment1fragment2");
			}
		}

		@Test
		@DisplayName("5.5 text in 2 fragments, one write per octet")
		void textInTwoFragmentsOctetWise() {
			try (RawWsClient ws = connect()) {
				ws.sendOctetWise(this.twoFragments);
				ws.expectText("fragment1fragment2");
			}
		}

		@Test
		@DisplayName("binary in 2 fragments")
		void binaryInTwoFragments() {
			byte[] message = Payloads.binary(300);
			try (RawWsClient ws = connect()) {
				ws.send(ClientFrame.fragments(ClientFrame.BINARY, message, 200));
				ws.expectBinary(message);
			}
		}

		@Test
		@DisplayName("text in 100 fragments of 1000 bytes")
		void textInManyFragments() {
			byte[] message = Payloads.text(100_000);
			try (RawWsClient ws = connect()) {
				ws.send(ClientFrame.fragments(ClientFrame.TEXT, message, 1000));
				ws.expectText(message);
			}
		}

		@Test
		@DisplayName("binary in 1-byte fragments")
		void binaryInOneByteFragments() {
			byte[] message = Payloads.binary(200);
			try (RawWsClient ws = connect()) {
				ws.send(ClientFrame.fragments(ClientFrame.BINARY, message, 1));
				ws.expectBinary(message);
			}
		}

	}

	@Nested
	@DisplayName("Pings between fragments are answered in place")
	class PingsBetweenFragments {

		private final ClientFrame[] frames = { ClientFrame.text("fragment1").notFinal(), ClientFrame.ping("ping payload"),
				ClientFrame.continuation("fragment2") };

		@Test
		@DisplayName("5.6 text, ping, continuation in one write: pong, then the whole text")
		void inOneWrite() {
			try (RawWsClient ws = connect()) {
				ws.send(this.frames);
				expectPongThenText(ws);
			}
		}

		@Test
		@DisplayName("5.7 the same, one write per frame")
		void frameWise() {
			try (RawWsClient ws = connect()) {
				ws.sendEach(this.frames);
				expectPongThenText(ws);
			}
		}

		@Test
		@DisplayName("5.8 the same, one write per octet")
		void octetWise() {
			try (RawWsClient ws = connect()) {
				ws.sendOctetWise(this.frames);
				expectPongThenText(ws);
			}
		}

		private void expectPongThenText(RawWsClient ws) {
			ws.expectPong("ping payload");
			ws.expectText("fragment1fragment2");
		}

		@Test
		@DisplayName("5.19 the first pong arrives before the rest of the message is sent")
		void pongBeforeTheMessageEnds() {
			try (RawWsClient ws = connect()) {
				ws.send(ClientFrame.text("fragment1").notFinal(), ClientFrame.continuation("fragment2").notFinal(),
						ClientFrame.ping("pongme 1!"));
				ws.expectPong("pongme 1!");
				ws.send(ClientFrame.continuation("fragment3").notFinal(), ClientFrame.continuation("fragment4").notFinal(),
						ClientFrame.ping("pongme 2!"), ClientFrame.continuation("fragment5"));
				ws.expectPong("pongme 2!");
				ws.expectText("fragment1fragment2fragment3fragment4fragment5");
			}
		}

	}

	@Nested
	@DisplayName("Fragmentation errors fail the connection with 1002")
	class Errors {

		@Test
		@DisplayName("5.1 ping in 2 fragments")
		void fragmentedPing() {
			expectProtocolError(ClientFrame.ping("fragment1").notFinal(), ClientFrame.continuation("fragment2"));
		}

		@Test
		@DisplayName("5.2 pong in 2 fragments")
		void fragmentedPong() {
			expectProtocolError(ClientFrame.pong(Payloads.utf8("fragment1")).notFinal(),
					ClientFrame.continuation("fragment2"));
		}

		@Test
		@DisplayName("5.9 continuation (FIN set) with nothing to continue, then text: no echo")
		void finalContinuationWithNothingOpen() {
			expectProtocolError(ClientFrame.continuation("fragment1"), ClientFrame.text("fragment2"));
		}

		@Test
		@DisplayName("5.10 the same, one write per frame")
		void finalContinuationWithNothingOpenFrameWise() {
			try (RawWsClient ws = connect()) {
				ws.sendEach(ClientFrame.continuation("fragment1"), ClientFrame.text("fragment2"));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("5.11 the same, one write per octet")
		void finalContinuationWithNothingOpenOctetWise() {
			try (RawWsClient ws = connect()) {
				ws.sendOctetWise(ClientFrame.continuation("fragment1"), ClientFrame.text("fragment2"));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("5.12 continuation (FIN clear) with nothing to continue, then text: no echo")
		void continuationWithNothingOpen() {
			expectProtocolError(ClientFrame.continuation("fragment1").notFinal(), ClientFrame.text("fragment2"));
		}

		@Test
		@DisplayName("5.13 the same, one write per frame")
		void continuationWithNothingOpenFrameWise() {
			try (RawWsClient ws = connect()) {
				ws.sendEach(ClientFrame.continuation("fragment1").notFinal(), ClientFrame.text("fragment2"));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("5.14 the same, one write per octet")
		void continuationWithNothingOpenOctetWise() {
			try (RawWsClient ws = connect()) {
				ws.sendOctetWise(ClientFrame.continuation("fragment1").notFinal(), ClientFrame.text("fragment2"));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("5.15 a message completed before the stray continuation is echoed first")
		void completeMessageEchoedBeforeTheError() {
			try (RawWsClient ws = connect()) {
				ws.send(ClientFrame.text("fragment1").notFinal(), ClientFrame.continuation("fragment2"),
						ClientFrame.continuation("fragment3").notFinal(), ClientFrame.text("fragment4"));
				ws.expectText("fragment1fragment2");
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("5.16 stray continuation (FIN clear), then a fragmented text, twice: no echo")
		void strayContinuationBeforeAFragmentedMessage() {
			ClientFrame[] once = { ClientFrame.continuation("fragment1").notFinal(), ClientFrame.text("fragment2").notFinal(),
					ClientFrame.continuation("fragment3") };
			expectProtocolError(once[0], once[1], once[2], once[0], once[1], once[2]);
		}

		@Test
		@DisplayName("5.17 stray continuation (FIN set), then a fragmented text, twice: no echo")
		void strayFinalContinuationBeforeAFragmentedMessage() {
			ClientFrame[] once = { ClientFrame.continuation("fragment1"), ClientFrame.text("fragment2").notFinal(),
					ClientFrame.continuation("fragment3") };
			expectProtocolError(once[0], once[1], once[2], once[0], once[1], once[2]);
		}

		@Test
		@DisplayName("5.18 a new text while a fragmented text is open")
		void newTextWhileAMessageIsOpen() {
			expectProtocolError(ClientFrame.text("fragment1").notFinal(), ClientFrame.text("fragment2"));
		}

		@Test
		@DisplayName("a new binary while a fragmented text is open")
		void newBinaryWhileAMessageIsOpen() {
			expectProtocolError(ClientFrame.text("fragment1").notFinal(), ClientFrame.binary(new byte[] { 1, 2 }));
		}

		@Test
		@DisplayName("a close frame with FIN clear")
		void fragmentedClose() {
			expectProtocolError(ClientFrame.close(1000).notFinal(), ClientFrame.continuation(""));
		}

		private void expectProtocolError(ClientFrame... frames) {
			try (RawWsClient ws = connect()) {
				ws.send(frames);
				ws.expectCloseThenEof(1002);
			}
		}

	}

}
