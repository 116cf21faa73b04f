package dev.wsboot.conformance;

import java.io.IOException;
import java.util.Arrays;

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
 * {@link ConformanceServer#SMALL_LIMITS}: 1 KiB frames, 4 KiB messages.
 */
@DisplayName("9 Limits")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class LimitsConformanceTests {

	@RegisterExtension
	static final ConformanceServer small = ConformanceServer.withSmallLimits();

	@RegisterExtension
	static final ConformanceServer large = ConformanceServer.withLargeLimits();

	private static final int MAX_FRAME = ConformanceServer.SMALL_LIMITS.maxFrameSize();

	private static final int MAX_MESSAGE = ConformanceServer.SMALL_LIMITS.maxMessageSize();

	@Parameter
	Dispatch dispatch;

	@Nested
	@DisplayName("Frame size")
	class FrameSize {

		@Test
		@DisplayName("a frame of exactly the limit is echoed")
		void frameAtTheLimit() throws IOException {
			byte[] payload = Payloads.binary(MAX_FRAME);
			try (RawWebSocket ws = small.connect(dispatch)) {
				ws.send(ClientFrame.binary(payload));
				ws.expectBinary(payload);
			}
		}

		@Test
		@DisplayName("a header declaring one byte over the limit: 1009, with no payload sent")
		void frameOverTheLimit() throws IOException {
			try (RawWebSocket ws = small.connect(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).headerOnly(MAX_FRAME + 1));
				ws.expectCloseThenEof(1009);
			}
		}

		@Test
		@DisplayName("a text header declaring one byte over the limit: 1009, with no payload sent")
		void textFrameOverTheLimit() throws IOException {
			try (RawWebSocket ws = small.connect(dispatch)) {
				ws.send(ClientFrame.text("").headerOnly(MAX_FRAME + 1));
				ws.expectCloseThenEof(1009);
			}
		}

		@Test
		@DisplayName("a header declaring 2^63-1 bytes: 1009 at once, with no payload sent")
		void largestLegalLength() throws IOException {
			// The length is legal (most significant bit 0), only too large: the server answers
			// 1009, the code for a message too big, rather than 1002.
			try (RawWebSocket ws = large.connect(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).headerOnly(Long.MAX_VALUE));
				ws.expectCloseThenEof(1009);
			}
		}

		@Test
		@DisplayName("a 64-bit length with the most significant bit set: 1002 (RFC 6455 §5.2)")
		void mostSignificantBitSet() throws IOException {
			try (RawWebSocket ws = large.connect(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).headerOnly(Long.MIN_VALUE));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("a 64-bit length of all ones: 1002 (RFC 6455 §5.2)")
		void allOnesLength() throws IOException {
			try (RawWebSocket ws = large.connect(dispatch)) {
				ws.send(ClientFrame.binary(new byte[0]).headerOnly(-1L));
				ws.expectCloseThenEof(1002);
			}
		}

	}

	@Nested
	@DisplayName("Message size")
	class MessageSize {

		@Test
		@DisplayName("a fragmented message of exactly the limit is echoed")
		void messageAtTheLimit() throws IOException {
			byte[] message = Payloads.binary(MAX_MESSAGE);
			try (RawWebSocket ws = small.connect(dispatch)) {
				ws.send(FragmentationConformanceTests.fragments(ClientFrame.BINARY, message, MAX_FRAME));
				ws.expectBinary(message);
			}
		}

		@Test
		@DisplayName("a fragmented binary message one byte over the limit: 1009 at the fragment that passes it")
		void binaryMessageOverTheLimit() throws IOException {
			assertFailsAtTheFragmentOverTheLimit(ClientFrame.BINARY, Payloads.binary(MAX_MESSAGE + 1));
		}

		@Test
		@DisplayName("a fragmented text message one byte over the limit: 1009 at the fragment that passes it")
		void textMessageOverTheLimit() throws IOException {
			assertFailsAtTheFragmentOverTheLimit(ClientFrame.TEXT, Payloads.text(MAX_MESSAGE + 1));
		}

		/** Sends all fragments but the last, shows with a ping they were taken, then the last. */
		private void assertFailsAtTheFragmentOverTheLimit(int opcode, byte[] message) throws IOException {
			ClientFrame[] fragments = FragmentationConformanceTests.fragments(opcode, message, MAX_FRAME);
			try (RawWebSocket ws = small.connect(dispatch)) {
				ws.send(Arrays.copyOf(fragments, fragments.length - 1));
				ws.send(ClientFrame.ping("within the limit"));
				ws.expectPong("within the limit");
				ws.send(fragments[fragments.length - 1]);
				ws.expectCloseThenEof(1009);
			}
		}

	}

}
