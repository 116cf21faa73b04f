package dev.wsboot.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.FrameCodec;
import dev.wsboot.protocol.FrameDecoder;
import dev.wsboot.protocol.FrameEncoder;
import dev.wsboot.protocol.MessageAssembler;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.ProtocolListener;
import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.protocol.Rfc6455FrameCodec;
import dev.wsboot.protocol.Rfc6455FrameDecoder;
import dev.wsboot.protocol.ServerOutput;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.protocol.extension.Extensions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds a {@link ProtocolEngine} (so {@link Rfc6455FrameDecoder} and
 * {@link MessageAssembler}) arbitrary client bytes split into arbitrary reads, with small
 * {@link WebSocketLimits}.
 *
 * <p>Invariants: {@link ProtocolEngine#receive} never throws and always takes its whole
 * buffer; the decoder never holds a payload larger than the frame limit; no message larger
 * than the message limit is delivered; control frames sent back carry at most 125 bytes;
 * exactly one close is sent, with a registered code, and nothing is reported after the
 * peer's close or a violation; and what is reported does not depend on how the bytes were
 * split (only the code of a failure may: in pieces, a text frame's bad UTF-8 can be seen
 * before the frame's size is). The input layout is {@link SplitInput}'s: the settings are the
 * frame limit (125-2172) and the message limit (1-4096).
 *
 * <p>Run as a plain test, this replays the seeds under
 * {@code src/test/resources/dev/wsboot/fuzz/ProtocolEngineFuzzTestsInputs/}.
 */
class ProtocolEngineFuzzTests {

	private static final Set<Integer> FAILURE_CODES = Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
			CloseCodes.MESSAGE_TOO_BIG);

	@FuzzTest(maxDuration = "10m")
	void receivesAnyBytesSplitAnywhere(FuzzedDataProvider data) {
		SplitInput input = SplitInput.read(data);
		WebSocketLimits limits = new WebSocketLimits(125 + input.first() % 2048, 1 + input.second() % 4096);
		Trace split = receive(input, limits);
		Trace whole = receive(input.whole(), limits);
		assertThat(split.events).as("events when read in pieces vs. in one go").isEqualTo(whole.events);
		assertThat(split.failureCode != 0).as("failed in pieces as in one go").isEqualTo(whole.failureCode != 0);
	}

	private Trace receive(SplitInput input, WebSocketLimits limits) {
		Trace trace = new Trace(limits);
		OutboundBuffer output = new OutboundBuffer();
		LatestDecoder codec = new LatestDecoder();
		ProtocolEngine session = new ProtocolEngine(codec, Extensions.NONE, limits, trace, output, false);
		trace.output = output;
		input.replay((buffer) -> {
			session.receive(buffer);
			trace.recordSent();
			assertThat(buffer.hasRemaining()).as("receive takes the whole read").isFalse();
			FrameDecoder decoder = codec.latest;
			assertThat(decoder.partialPayload().length).as("partial payload buffer")
				.isLessThanOrEqualTo(limits.maxFrameSize());
			assertThat(decoder.partialLength()).isLessThanOrEqualTo(decoder.partialPayload().length);
			// A trim after every read, as a quiet connection gets: it must lose nothing.
			session.trim();
		}, () -> false);
		assertThat(session.isInputDone()).isEqualTo(trace.ended);
		assertThat(session.isCloseSent()).isEqualTo(trace.closesSent == 1);
		return trace;
	}

	/** The standard codec, keeping the decoder it made last for the checks after each read. */
	private static final class LatestDecoder implements FrameCodec {

		private final Rfc6455FrameCodec standard = new Rfc6455FrameCodec();

		FrameDecoder latest = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);

		@Override
		public FrameDecoder newDecoder(WebSocketLimits limits) {
			this.latest = this.standard.newDecoder(limits);
			return this.latest;
		}

		@Override
		public FrameEncoder encoder() {
			return this.standard.encoder();
		}

	}

	/** Records what the session reports and sends, checking each event as it comes. */
	private static final class Trace implements ProtocolListener {

		private final WebSocketLimits limits;

		OutboundBuffer output = new OutboundBuffer();

		/** Messages, pings, pongs and what was sent, minus the code of a failure. */
		final List<String> events = new ArrayList<>();

		int failureCode;

		int closesSent;

		boolean ended;

		Trace(WebSocketLimits limits) {
			this.limits = limits;
		}

		@Override
		public void onText(String text, int byteLength) {
			recordSent();
			int length = text.getBytes(StandardCharsets.UTF_8).length;
			assertThat(byteLength).as("byte length reported").isEqualTo(length);
			record("text " + length + " " + text.hashCode(), length);
		}

		@Override
		public void onBinary(byte[] data) {
			recordSent();
			record("binary " + data.length + " " + Arrays.hashCode(data), data.length);
		}

		private void record(String event, int length) {
			assertThat(this.ended).as("message after the end").isFalse();
			assertThat(length).as("message length").isLessThanOrEqualTo(this.limits.maxMessageSize());
			this.events.add(event);
		}

		@Override
		public void onPing(byte[] payload) {
			recordSent();
			assertThat(this.ended).as("ping after the end").isFalse();
			assertThat(payload.length).isLessThanOrEqualTo(125);
			this.events.add("ping " + Arrays.toString(payload));
		}

		@Override
		public void onPong(byte[] payload) {
			recordSent();
			assertThat(this.ended).as("pong after the end").isFalse();
			assertThat(payload.length).isLessThanOrEqualTo(125);
			this.events.add("pong " + Arrays.toString(payload));
		}

		@Override
		public void onCloseReceived(CloseStatus status) {
			recordSent();
			assertThat(this.ended).as("close after the end").isFalse();
			this.ended = true;
			this.events.add("close received " + status);
		}

		@Override
		public void onProtocolError(ProtocolException error) {
			recordSent();
			assertThat(this.ended).as("violation after the end").isFalse();
			assertThat(FAILURE_CODES).contains(error.closeCode());
			this.ended = true;
			this.failureCode = error.closeCode();
			this.events.add("failed");
		}

		/** Takes the frames the engine queued since last time, in the order it did. */
		void recordSent() {
			for (ServerOutput.SentFrame frame : ServerOutput.drain(this.output)) {
				sent(frame.opcode(), frame.payload());
			}
		}

		private void sent(Opcode opcode, byte[] payload) {
			assertThat(opcode.isControl()).isTrue();
			assertThat(payload.length).as("control payload").isLessThanOrEqualTo(125);
			assertThat(this.closesSent).as("frames sent after our close").isZero();
			if (opcode != Opcode.CLOSE) {
				this.events.add("sent " + opcode + " " + Arrays.toString(payload));
				return;
			}
			this.closesSent++;
			CloseStatus status = CloseStatus.parse(payload);
			assertThat(status.code() == CloseCodes.NO_STATUS || status.isSendable()).isTrue();
			// A failure's close (it has a reason) may differ with the split; an echo (none) may not.
			boolean failure = !status.reason().isEmpty();
			this.events.add("sent close" + (failure ? "" : " " + status.code()));
		}

	}

}
