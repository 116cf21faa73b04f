package dev.wsboot.protocol;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static dev.wsboot.protocol.FrameBytes.fragments;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static dev.wsboot.protocol.ProtocolEngineReceivingTests.HELLO;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a {@link ProtocolEngine} keeps a quiet connection small: its frame decoder is made
 * when bytes arrive, and {@link ProtocolEngine#trim()} lets it go only where no frame, not
 * even part of a header, would be lost with it.
 */
class ProtocolEngineTrimTests {

	private final CountingCodec codec = new CountingCodec();

	private final RecordingTransport transport = new RecordingTransport(this.codec);

	private final ProtocolEngine engine = this.transport.session();

	@Test
	void noDecoderIsMadeBeforeTheFirstBytes() {
		this.engine.sendText(utf8("hi"), 0, 2);
		this.engine.trim();
		assertThat(this.codec.decodersMade).isZero();
		receive(HELLO);
		assertThat(this.codec.decodersMade).isOne();
		assertThat(this.transport.texts()).containsExactly("Hello");
	}

	@Test
	void betweenFramesTheDecoderIsLetGoAndANewOneTakesTheNextFrame() {
		receive(HELLO);
		this.engine.trim();
		receive(HELLO);
		assertThat(this.codec.decodersMade).isEqualTo(2);
		assertThat(this.transport.texts()).containsExactly("Hello", "Hello");
	}

	@Test
	void aHeaderSplitAcrossReadsIsKeptThroughATrim() {
		receive(new byte[] { HELLO[0] });
		this.engine.trim();
		receive(Arrays.copyOfRange(HELLO, 1, HELLO.length));
		assertThat(this.codec.decodersMade).isOne();
		assertThat(this.transport.texts()).containsExactly("Hello");
	}

	@Test
	void aPayloadStillArrivingIsKeptThroughATrim() {
		receive(Arrays.copyOf(HELLO, 8));
		this.engine.trim();
		receive(Arrays.copyOfRange(HELLO, 8, HELLO.length));
		assertThat(this.codec.decodersMade).isOne();
		assertThat(this.transport.texts()).containsExactly("Hello");
	}

	@Test
	void aFragmentedMessageStillOpenSurvivesATrimBetweenItsFrames() {
		byte[][] parts = fragments(Opcode.TEXT, utf8("fragmented"), 3);
		receive(parts[0]);
		this.engine.trim();
		receive(parts[1]);
		this.engine.trim();
		receive(parts[2]);
		assertThat(this.transport.texts()).containsExactly("fragmented");
	}

	private void receive(byte[] bytes) {
		this.transport.receive(bytes);
	}

	/** The standard codec, counting the decoders it makes. */
	private static final class CountingCodec implements FrameCodec {

		private final Rfc6455FrameCodec standard = new Rfc6455FrameCodec();

		int decodersMade;

		@Override
		public FrameDecoder newDecoder(WebSocketLimits limits) {
			this.decodersMade++;
			return this.standard.newDecoder(limits);
		}

		@Override
		public FrameEncoder encoder() {
			return this.standard.encoder();
		}

	}

}
