package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the frames a {@link ProtocolEngine} queued in its {@link OutboundBuffer}, as a
 * transport would write them, checking each is a well-formed server frame: unmasked, final,
 * with the shortest length form.
 */
public final class ServerOutput {

	/** A frame as the engine encoded it. */
	public record SentFrame(int rsv, Opcode opcode, byte[] payload) {
	}

	private ServerOutput() {
	}

	/** Takes every byte queued in {@code output} and returns the frames they hold. */
	public static List<SentFrame> drain(OutboundBuffer output) {
		ByteBuffer bytes = ByteBuffer.allocate((int) output.bytes());
		output.copyTo(bytes);
		output.consume(bytes.position());
		bytes.flip();
		List<SentFrame> frames = new ArrayList<>();
		while (bytes.hasRemaining()) {
			frames.add(read(bytes));
		}
		return frames;
	}

	private static SentFrame read(ByteBuffer bytes) {
		int b0 = bytes.get() & 0xFF;
		int b1 = bytes.get() & 0xFF;
		assertThat(b0 & 0x80).as("FIN of a server frame").isNotZero();
		assertThat(b1 & 0x80).as("MASK of a server frame").isZero();
		long length = b1 & 0x7F;
		if (length == 126) {
			length = bytes.getShort() & 0xFFFF;
			assertThat(length).as("16-bit length only above 125").isGreaterThan(125);
		}
		else if (length == 127) {
			length = bytes.getLong();
			assertThat(length).as("64-bit length only above 65535").isGreaterThan(0xFFFF);
		}
		byte[] payload = new byte[(int) length];
		bytes.get(payload);
		return new SentFrame((b0 >>> 4) & 0x7, Opcode.fromBits(b0 & 0x0F), payload);
	}

}
