package dev.wsboot.conformance;

import java.util.Arrays;

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
 * Autobahn section 9 in miniature: the size limits are enforced against what the client
 * declares, before the payload is sent or allocated, with 1009 (RFC 6455 §7.4.1, "a message
 * that is too big for it to process"). Runs against the server with
 * {@link ConformanceLimits#SMALL}: 1 KiB frames, 4 KiB messages.
 */
@DisplayName("9 Limits")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class LimitsConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared small = TestWsServer.shared(ConformanceLimits.SMALL);

	@RegisterExtension
	static final TestWsServer.Shared large = TestWsServer.shared(ConformanceLimits.LARGE);

	private static final int MAX_FRAME = ConformanceLimits.SMALL.maxFrameSize();

	private static final int MAX_MESSAGE = ConformanceLimits.SMALL.maxMessageSize();

	@Parameter
	Dispatch dispatch;

	@Nested
	@DisplayName("Frame size")
	class FrameSize {

		@Test
		@DisplayName("a frame of exactly the limit is echoed")
		void frameAtTheLimit() {
			byte[] payload = Payloads.binary(MAX_FRAME);
			try (RawWsClient ws = small.open(dispatch)) {
				ws.send(ClientFrame.binary(payload));
				ws.expectBinary(payload);
			}
		}

		@Test
		@DisplayName("a header declaring one byte over the limit: 1009, with no payload sent")
		void frameOverTheLimit() {
			try (RawWsClient ws = small.open(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).declaredLength(MAX_FRAME + 1));
				ws.expectCloseThenEof(1009);
			}
		}

		@Test
		@DisplayName("a text header declaring one byte over the limit: 1009, with no payload sent")
		void textFrameOverTheLimit() {
			try (RawWsClient ws = small.open(dispatch)) {
				ws.send(ClientFrame.text("").declaredLength(MAX_FRAME + 1));
				ws.expectCloseThenEof(1009);
			}
		}

		@Test
		@DisplayName("a header declaring 2^63-1 bytes: 1009 at once, with no payload sent")
		void largestLegalLength() {
			// The length is legal (most significant bit 0), only too large: the server answers
			// 1009, the code for a message too big, rather than 1002.
			try (RawWsClient ws = large.open(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).declaredLength(Long.MAX_VALUE));
				ws.expectCloseThenEof(1009);
			}
		}

		@Test
		@DisplayName("a 64-bit length with the most significant bit set: 1002 (RFC 6455 §5.2)")
		void mostSignificantBitSet() {
			try (RawWsClient ws = large.open(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).declaredLength(Long.MIN_VALUE));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("a 64-bit length of all ones: 1002 (RFC 6455 §5.2)")
		void allOnesLength() {
			try (RawWsClient ws = large.open(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).declaredLength(-1L));
				ws.expectCloseThenEof(1002);
			}
		}

	}

	@Nested
	@DisplayName("Message size")
	class MessageSize {

		@Test
		@DisplayName("a fragmented message of exactly the limit is echoed")
		void messageAtTheLimit() {
			byte[] message = Payloads.binary(MAX_MESSAGE);
			try (RawWsClient ws = small.open(dispatch)) {
				ws.send(ClientFrame.fragments(ClientFrame.BINARY, message, MAX_FRAME));
				ws.expectBinary(message);
			}
		}

		@Test
		@DisplayName("a fragmented binary message one byte over the limit: 1009 at the fragment that passes it")
		void binaryMessageOverTheLimit() {
			assertFailsAtTheFragmentOverTheLimit(ClientFrame.BINARY, Payloads.binary(MAX_MESSAGE + 1));
		}

		@Test
		@DisplayName("a fragmented text message one byte over the limit: 1009 at the fragment that passes it")
		void textMessageOverTheLimit() {
			assertFailsAtTheFragmentOverTheLimit(ClientFrame.TEXT, Payloads.text(MAX_MESSAGE + 1));
		}

		/** Sends all fragments but the last, shows with a ping they were taken, then the last. */
		private void assertFailsAtTheFragmentOverTheLimit(int opcode, byte[] message) {
			ClientFrame[] fragments = ClientFrame.fragments(opcode, message, MAX_FRAME);
			try (RawWsClient ws = small.open(dispatch)) {
				ws.send(Arrays.copyOf(fragments, fragments.length - 1));
				ws.send(ClientFrame.ping("within the limit"));
				ws.expectPong("within the limit");
				ws.send(fragments[fragments.length - 1]);
				ws.expectCloseThenEof(1009);
			}
		}

	}

}
