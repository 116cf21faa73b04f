package dev.wsboot.protocol.extension;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Frame;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.ProtocolListener;
import dev.wsboot.protocol.Rfc6455FrameCodec;
import dev.wsboot.protocol.Rfc6455FrameEncoder;
import dev.wsboot.protocol.ServerOutput;
import dev.wsboot.protocol.WebSocketLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The extension seam: the agreed extensions sit between the frame decoder and the message
 * assembler and between the send API and the encoder, own their reserved bits, and are
 * released when the connection ends.
 */
class ExtensionsTests {

	private final ReversingExtension.Factory factory = new ReversingExtension.Factory();

	private final Extensions extensions = Extensions
		.of(List.of(this.factory.accept(List.of(ExtensionOffer.of("x-reverse")))));

	private final OutboundBuffer output = new OutboundBuffer();

	private final Recorder recorder = new Recorder();

	private final ProtocolEngine engine = new ProtocolEngine(new Rfc6455FrameCodec(), this.extensions,
			WebSocketLimits.DEFAULTS, this.recorder, this.output, false);

	@Test
	void aFrameWithTheExtensionsBitIsTransformedBeforeItIsAssembled() {
		// RSV1 text frame "olleH", masked with a zero key.
		this.engine.receive(ByteBuffer.wrap(new byte[] { (byte) 0xC1, (byte) 0x85, 0, 0, 0, 0, 'o', 'l', 'l', 'e', 'H' }));
		assertThat(this.recorder.texts).containsExactly("Hello");
	}

	@Test
	void aFrameWithoutTheBitPassesUnchanged() {
		this.engine.receive(ByteBuffer.wrap(new byte[] { (byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i' }));
		assertThat(this.recorder.texts).containsExactly("hi");
	}

	@Test
	void aBitNoAgreedExtensionOwnsStillFailsTheConnection() {
		// RSV2.
		this.engine.receive(ByteBuffer.wrap(new byte[] { (byte) 0xA1, (byte) 0x82, 0, 0, 0, 0, 'h', 'i' }));
		assertThat(this.recorder.errors).singleElement().satisfies((error) -> assertThat(error.closeCode()).isEqualTo(1002));
	}

	@Test
	void aControlFrameWithTheBitFailsTheConnection() {
		this.engine.receive(ByteBuffer.wrap(new byte[] { (byte) 0xC9, (byte) 0x80, 0, 0, 0, 0 }));
		assertThat(this.recorder.errors).singleElement().satisfies((error) -> assertThat(error.closeCode()).isEqualTo(1002));
	}

	@Test
	void theExtensionsRulesAreEnforced() {
		this.engine.receive(ByteBuffer.wrap(new byte[] { 0x01, (byte) 0x81, 0, 0, 0, 0, 'a' }));
		this.engine.receive(ByteBuffer.wrap(new byte[] { (byte) 0xC0, (byte) 0x81, 0, 0, 0, 0, 'b' }));
		assertThat(this.recorder.errors).singleElement()
			.satisfies((error) -> assertThat(error.getMessage()).contains("continuation"));
	}

	@Test
	void messagesSentPassThroughTheExtensionAndCarryItsBit() {
		this.engine.sendText("Hello".getBytes(), 0, 5);
		assertThat(ServerOutput.drain(this.output)).singleElement().satisfies((frame) -> {
			assertThat(frame.rsv()).isEqualTo(ReversingExtension.RSV1);
			assertThat(new String(frame.payload())).isEqualTo("olleH");
		});
	}

	@Test
	void aSharedFrameIsNotUsedAsItIsSinceTheExtensionTransformsTheMessage() {
		byte[] payload = "abc".getBytes();
		ByteBuffer shared = ByteBuffer.wrap(new Rfc6455FrameEncoder().encode(Opcode.TEXT, payload));
		this.engine.sendShared(Opcode.TEXT, payload, shared);
		assertThat(ServerOutput.drain(this.output)).singleElement()
			.satisfies((frame) -> assertThat(new String(frame.payload())).isEqualTo("cba"));
	}

	@Test
	void controlFramesPassUntouched() {
		this.engine.close(CloseStatus.NORMAL);
		assertThat(ServerOutput.drain(this.output)).singleElement()
			.satisfies((frame) -> assertThat(frame.rsv()).isZero());
	}

	@Test
	void releasingTheEngineReleasesEachExtensionOnce() {
		this.engine.release();
		assertThat(this.factory.made).singleElement().satisfies((made) -> assertThat(made.released).isEqualTo(1));
	}

	@Test
	void twoAgreementsOnOneBitAreRefused() {
		ExtensionAgreement agreement = this.factory.accept(List.of(ExtensionOffer.of("x-reverse")));
		assertThatIllegalArgumentException().isThrownBy(() -> Extensions.of(List.of(agreement, agreement)));
	}

	@Test
	void noExtensionsLeaveFramesAlone() {
		Frame frame = new Frame(true, 0, Opcode.TEXT, new byte[] { 1 });
		assertThat(Extensions.NONE.decode(frame)).isSameAs(frame);
		assertThat(Extensions.NONE.isEmpty()).isTrue();
		assertThat(Extensions.NONE.reservedBits()).isZero();
	}

	private static final class Recorder implements ProtocolListener {

		final List<String> texts = new ArrayList<>();

		final List<ProtocolException> errors = new ArrayList<>();

		@Override
		public void onText(String text, int byteLength) {
			this.texts.add(text);
		}

		@Override
		public void onBinary(byte[] data) {
		}

		@Override
		public void onCloseReceived(CloseStatus status) {
		}

		@Override
		public void onProtocolError(ProtocolException error) {
			this.errors.add(error);
		}

	}

}
