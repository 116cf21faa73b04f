package dev.wsboot.protocol;

import java.nio.ByteBuffer;

import dev.wsboot.testsupport.ClientFrame;
import org.junit.jupiter.api.Test;

import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for what {@link MessageAssembler} offers beyond {@link ProtocolEngine}, whose tests
 * cover the fragmentation and UTF-8 rules through its bytes.
 */
class MessageAssemblerTests {

	private final MessageAssembler assembler = new MessageAssembler(WebSocketLimits.DEFAULTS);

	private final RecordingTransport listener = new RecordingTransport();

	@Test
	void aMessageIsOpenFromItsFirstFragmentUntilItsLast() {
		assertThat(this.assembler.isMessageOpen()).isFalse();
		this.assembler.onDataFrame(new Frame(false, 0, Opcode.TEXT, utf8("Hel")), this.listener);
		assertThat(this.assembler.isMessageOpen()).isTrue();
		this.assembler.onDataFrame(new Frame(true, 0, Opcode.CONTINUATION, utf8("lo")), this.listener);
		assertThat(this.assembler.isMessageOpen()).isFalse();
		assertThat(this.listener.events()).containsExactly("text:Hello");
	}

	@Test
	void anUnfragmentedBinaryMessageIsTheFramePayloadItself() {
		byte[] payload = hex("01 02 03");
		this.assembler.onDataFrame(new Frame(true, 0, Opcode.BINARY, payload), this.listener);
		assertThat(this.listener.binaries()).singleElement().isSameAs(payload);
	}

	@Test
	void aDecoderWithNoPartialFrameIsIgnored() {
		this.assembler.onPartialFrame(new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS));
		assertThat(this.assembler.isMessageOpen()).isFalse();
	}

	@Test
	void aPartialControlFrameIsNotChecked() {
		Rfc6455FrameDecoder decoder = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);
		byte[] ping = ClientFrame.ping(hex("ff fe fd")).bytes();
		decoder.decode(ByteBuffer.wrap(ping, 0, ping.length - 1));
		this.assembler.onPartialFrame(decoder);
		assertThat(this.listener.events()).isEmpty();
	}

	@Test
	void aPartialTextFrameWithABadByteFailsBeforeItIsComplete() {
		Rfc6455FrameDecoder decoder = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);
		byte[] text = ClientFrame.text(hex("61 c0 80 62")).bytes();
		decoder.decode(ByteBuffer.wrap(text, 0, 6 + 2));
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.assembler.onPartialFrame(decoder))
			.extracting(ProtocolException::closeCode)
			.isEqualTo(CloseCodes.INVALID_PAYLOAD);
	}

	@Test
	void aPartialContinuationWithNoMessageToContinueFailsBeforeItIsComplete() {
		Rfc6455FrameDecoder decoder = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);
		byte[] continuation = ClientFrame.continuation("lo").bytes();
		decoder.decode(ByteBuffer.wrap(continuation, 0, 6));
		assertThatExceptionOfType(ProtocolException.class).isThrownBy(() -> this.assembler.onPartialFrame(decoder))
			.extracting(ProtocolException::closeCode)
			.isEqualTo(CloseCodes.PROTOCOL_ERROR);
	}

	@Test
	void bytesCheckedWhilePartialAreNotCheckedAgainWhenTheFrameCompletes() {
		Rfc6455FrameDecoder decoder = new Rfc6455FrameDecoder(WebSocketLimits.DEFAULTS);
		byte[] text = ClientFrame.text("€uro").bytes();
		decoder.decode(ByteBuffer.wrap(text, 0, 6 + 2));
		this.assembler.onPartialFrame(decoder);
		Frame frame = decoder.decode(ByteBuffer.wrap(text, 8, text.length - 8));
		this.assembler.onDataFrame(frame, this.listener);
		assertThat(this.listener.events()).containsExactly("text:€uro");
	}

}
