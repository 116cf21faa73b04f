package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.wsboot.testsupport.ClientFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.FrameBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link Rfc6455FrameCodec}.
 */
class Rfc6455FrameCodecTests {

	private final FrameCodec codec = new Rfc6455FrameCodec();

	@Test
	void everyConnectionGetsItsOwnDecoder() {
		FrameDecoder first = this.codec.newDecoder(WebSocketLimits.DEFAULTS);
		FrameDecoder second = this.codec.newDecoder(WebSocketLimits.DEFAULTS);
		assertThat(first).isNotSameAs(second).isInstanceOf(Rfc6455FrameDecoder.class);
	}

	@Test
	void halfAFrameInOneDecoderLeavesAnotherUntouched() {
		FrameDecoder first = this.codec.newDecoder(WebSocketLimits.DEFAULTS);
		FrameDecoder second = this.codec.newDecoder(WebSocketLimits.DEFAULTS);
		assertThat(first.decode(ByteBuffer.wrap(hex("81 85 37 fa")))).isNull();
		Frame frame = second.decode(ByteBuffer.wrap(hex("82 80 00 00 00 00")));
		assertThat(frame).isNotNull();
		assertThat(frame.opcode()).isEqualTo(Opcode.BINARY);
		assertThat(first.decode(ByteBuffer.wrap(hex("21 3d 7f 9f 4d 51 58"))).payload()).asString()
			.isEqualTo("Hello");
	}

	@Test
	void theEncoderIsSharedByAllConnections() {
		assertThat(this.codec.encoder()).isSameAs(this.codec.encoder()).isInstanceOf(Rfc6455FrameEncoder.class);
	}

	@Test
	void decoderEnforcesTheLimitsItWasGiven() {
		FrameDecoder decoder = this.codec.newDecoder(new WebSocketLimits(125, 125));
		ByteBuffer header = ByteBuffer.wrap(ClientFrame.binary(new byte[0]).declaredLength(126).header());
		assertThatExceptionOfType(ProtocolException.class)
			.isThrownBy(() -> decoder.decode(header))
			.extracting(ProtocolException::closeCode)
			.isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
	}

	@ParameterizedTest(name = "{0} bytes")
	@ValueSource(ints = { 0, 1, 125, 126, 65535, 65536 })
	void aServerFrameMaskedAsAClientWouldDecodesToTheSameFrame(int length) {
		byte[] payload = FrameBytes.pattern(length);
		byte[] serverFrame = this.codec.encoder().encode(false, Opcode.BINARY, payload, 0, length);
		Frame decoded = this.codec.newDecoder(WebSocketLimits.DEFAULTS)
			.decode(ByteBuffer.wrap(maskAsAClientWould(serverFrame, length, 0xA1B2C3D4)));
		assertThat(decoded.fin()).isFalse();
		assertThat(decoded.opcode()).isEqualTo(Opcode.BINARY);
		assertThat(decoded.payload()).isEqualTo(payload);
	}

	/** Sets MASK, inserts the key after the length and masks the payload. */
	private byte[] maskAsAClientWould(byte[] serverFrame, int payloadLength, int maskingKey) {
		int headerLength = this.codec.encoder().headerLength(payloadLength);
		byte[] header = Arrays.copyOf(serverFrame, headerLength);
		header[1] |= (byte) 0x80;
		byte[] key = ByteBuffer.allocate(4).putInt(maskingKey).array();
		byte[] payload = Arrays.copyOfRange(serverFrame, headerLength, serverFrame.length);
		return FrameBytes.concat(header, key, ClientFrame.mask(payload, maskingKey));
	}

}
