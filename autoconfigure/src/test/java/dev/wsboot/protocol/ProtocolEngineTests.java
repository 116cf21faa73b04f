package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.wsboot.protocol.ProtocolEngine.State;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.wsboot.protocol.FrameBytes.concat;
import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.CLOSE_1000;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.HELLO;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.PING_HELLO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link ProtocolEngine} adds to the receiving rules tested in
 * {@code ProtocolEngineReceivingTests}: the sending side, the one close state that both sides share,
 * close frames held behind application replies, giving up on a peer, and pausing input.
 */
class ProtocolEngineTests {

	@Nested
	class Sending {

		private final RecordingTransport transport = new RecordingTransport();

		@Test
		void messagesAreQueuedAsFinalUnmaskedFrames() {
			ProtocolEngine engine = this.transport.session();
			assertThat(engine.sendText(utf8("Hello"), 0, 5)).isTrue();
			assertThat(engine.sendBinary(hex("00 01 02 03"), 1, 2)).isTrue();
			assertThat(this.transport.events()).containsExactly("sent TEXT:48 65 6c 6c 6f", "sent BINARY:01 02");
		}

		@Test
		void aLargePayloadIsQueuedWithoutACopy() {
			byte[] payload = FrameBytes.pattern(100_000);
			this.transport.session().sendBinary(payload, 0, payload.length);
			assertThat(this.transport.sent()).singleElement()
				.satisfies((frame) -> assertThat(frame.payload()).isEqualTo(payload));
		}

		@Test
		void noDataFollowsTheCloseFrame() {
			ProtocolEngine engine = this.transport.session();
			engine.close(CloseStatus.NORMAL);
			assertThat(engine.sendText(utf8("late"), 0, 4)).isFalse();
			assertThat(engine.sendBinary(new byte[1], 0, 1)).isFalse();
			assertThat(this.transport.events()).containsExactly("sent CLOSE:03 e8");
		}

		@Test
		void aSharedFrameIsQueuedAsItIsWhenTheEngineEncodesTheStandardWay() {
			byte[] payload = utf8("to everyone");
			ByteBuffer shared = ByteBuffer.wrap(new Rfc6455FrameEncoder().encode(Opcode.TEXT, payload)).asReadOnlyBuffer();
			assertThat(this.transport.session().sendShared(Opcode.TEXT, payload, shared)).isTrue();
			assertThat(this.transport.output().bytes()).isEqualTo(shared.remaining());
			assertThat(this.transport.texts()).isEmpty();
			assertThat(this.transport.events()).containsExactly("sent TEXT:" + hex(payload));
			assertThat(shared.position()).as("the shared frame is read, never moved").isZero();
		}

	}

	@Nested
	class CloseState {

		private final RecordingTransport transport = new RecordingTransport();

		@Test
		void theClosingHandshakeStartedByTheServerEndsWithThePeersReply() {
			ProtocolEngine engine = this.transport.session();
			assertThat(engine.state()).isEqualTo(State.OPEN);
			engine.close(CloseStatus.GOING_AWAY);
			assertThat(engine.state()).isEqualTo(State.CLOSING);
			assertThat(engine.isTcpCloseExpected()).isFalse();
			this.transport.receive(CLOSE_1000);
			assertThat(engine.state()).isEqualTo(State.CLOSED);
			assertThat(engine.isTcpCloseExpected()).isTrue();
			assertThat(engine.isCloseReceived()).isTrue();
			assertThat(this.transport.events()).endsWith("close received:1000");
		}

		@Test
		void thePeersCloseIsAnsweredAndEndsTheHandshake() {
			this.transport.receive(CLOSE_1000);
			ProtocolEngine engine = this.transport.session();
			assertThat(engine.state()).isEqualTo(State.CLOSED);
			assertThat(engine.isTcpCloseExpected()).isTrue();
		}

		@Test
		void aProtocolErrorEndsItWithoutWaitingForAReply() {
			this.transport.receive(hex("81 05 48 65 6c 6c 6f"));
			assertThat(this.transport.session().isTcpCloseExpected()).isTrue();
		}

	}

	@Nested
	class HeldClose {

		/** An engine whose application replies run elsewhere, so it holds its close replies. */
		private final RecordingTransport transport = new RecordingTransport(WebSocketLimits.DEFAULTS, true);

		@Test
		void theReplyToThePeersCloseWaitsForTheApplicationsReplies() {
			ProtocolEngine engine = this.transport.session();
			this.transport.receive(concat(HELLO, CLOSE_1000));
			assertThat(engine.isCloseHeld()).isTrue();
			assertThat(engine.isTcpCloseExpected()).isFalse();
			assertThat(engine.sendText(utf8("Hello"), 0, 5)).as("reply to the message before the close").isTrue();
			engine.releaseHeldClose();
			assertThat(this.transport.events()).containsExactly("text:Hello", "close received:1000",
					"sent TEXT:48 65 6c 6c 6f", "sent CLOSE:03 e8");
			assertThat(engine.isTcpCloseExpected()).isTrue();
		}

		@Test
		void theCloseForAProtocolErrorWaitsLikewise() {
			ProtocolEngine engine = this.transport.session();
			this.transport.receive(concat(HELLO, hex("81 05 48 65 6c 6c 6f")));
			engine.sendText(utf8("Hello"), 0, 5);
			engine.releaseHeldClose();
			assertThat(this.transport.events()).containsExactly("text:Hello", "protocol error:1002",
					"sent TEXT:48 65 6c 6c 6f", "sent CLOSE:03 ea +reason");
		}

		@Test
		void aCloseDecidedLaterDropsTheDataThatArrivesMeanwhile() {
			ProtocolEngine engine = this.transport.session();
			assertThat(engine.closeLater(CloseStatus.GOING_AWAY)).isTrue();
			assertThat(engine.closeLater(CloseStatus.NORMAL)).isFalse();
			assertThat(engine.state()).isEqualTo(State.CLOSING);
			this.transport.receive(HELLO, PING_HELLO);
			assertThat(engine.sendText(utf8("reply"), 0, 5)).isTrue();
			engine.releaseHeldClose();
			assertThat(this.transport.events()).containsExactly("sent PONG:48 65 6c 6c 6f", "ping:48 65 6c 6c 6f",
					"sent TEXT:" + hex(utf8("reply")), "sent CLOSE:03 e9");
		}

		@Test
		void closingReleasesTheHeldFrameRatherThanSendingAnother() {
			ProtocolEngine engine = this.transport.session();
			this.transport.receive(CLOSE_1000);
			assertThat(engine.close(new CloseStatus(4000, "other"))).isTrue();
			assertThat(this.transport.events()).containsExactly("close received:1000", "sent CLOSE:03 e8");
		}

	}

	@Nested
	class GivingUp {

		private final RecordingTransport transport = new RecordingTransport();

		@Test
		void abortKeepsTheRestOfAFramePartlyWrittenThenSendsItsClose() {
			ProtocolEngine engine = this.transport.session();
			OutboundBuffer output = this.transport.output();
			byte[] big = FrameBytes.pattern(20_000);
			engine.sendBinary(big, 0, big.length);
			engine.sendText(utf8("queued"), 0, 6);
			output.consume(1000);
			long dropped = engine.abort(new CloseStatus(CloseCodes.POLICY_VIOLATION, ""));
			assertThat(dropped).isEqualTo(8);
			ByteBuffer rest = ByteBuffer.allocate((int) output.bytes());
			output.copyTo(rest);
			// The remainder of the 20,000-byte frame (4-byte header, 1,000 bytes gone), then the close.
			assertThat(rest.array()).hasSize(20_004 - 1000 + 4);
			assertThat(engine.isTcpCloseExpected()).isTrue();
			assertThat(engine.isInputDone()).isTrue();
		}

		@Test
		void abortBetweenFramesDropsEverythingQueued() {
			ProtocolEngine engine = this.transport.session();
			engine.sendText(utf8("one"), 0, 3);
			engine.sendText(utf8("two"), 0, 3);
			engine.abort(new CloseStatus(CloseCodes.POLICY_VIOLATION, ""));
			assertThat(this.transport.events()).containsExactly("sent CLOSE:03 f0");
		}

		@Test
		void nothingIsProcessedAfterGivingUp() {
			this.transport.session().abort(new CloseStatus(CloseCodes.POLICY_VIOLATION, ""));
			this.transport.receive(HELLO, PING_HELLO, CLOSE_1000);
			assertThat(this.transport.events()).containsExactly("sent CLOSE:03 f0");
		}

	}

	@Nested
	class PausingInput {

		@Test
		void aPauseStopsAfterTheCurrentFrameAndLeavesTheRestInTheBuffer() {
			PausingListener listener = new PausingListener();
			ProtocolEngine engine = listener.engine();
			ByteBuffer in = ByteBuffer.wrap(concat(HELLO, HELLO, HELLO));
			engine.receive(in);
			assertThat(listener.texts).isEqualTo(1);
			assertThat(in.remaining()).isEqualTo(2 * HELLO.length);
			engine.resumeInput();
			engine.receive(in);
			assertThat(listener.texts).isEqualTo(2);
			engine.resumeInput();
			engine.receive(in);
			assertThat(listener.texts).isEqualTo(3);
			assertThat(in.hasRemaining()).isFalse();
		}

		/** Pauses the engine at each message, as a connection whose handler fell behind does. */
		private static final class PausingListener implements ProtocolListener {

			private final ProtocolEngine engine = new ProtocolEngine(new Rfc6455FrameCodec(),
					dev.wsboot.protocol.extension.Extensions.NONE, WebSocketLimits.DEFAULTS, this, new OutboundBuffer(), false);

			int texts;

			ProtocolEngine engine() {
				return this.engine;
			}

			@Override
			public void onText(String text, int byteLength) {
				assertThat(text).isEqualTo("Hello");
				assertThat(byteLength).isEqualTo("Hello".getBytes(StandardCharsets.UTF_8).length);
				this.texts++;
				this.engine.pauseInput();
			}

			@Override
			public void onBinary(byte[] data) {
			}

			@Override
			public void onCloseReceived(CloseStatus status) {
			}

			@Override
			public void onProtocolError(ProtocolException error) {
			}

		}

	}

}
