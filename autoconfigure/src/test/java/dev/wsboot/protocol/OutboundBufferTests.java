package dev.wsboot.protocol;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import static dev.wsboot.protocol.FrameBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link OutboundBuffer}: bytes come out in order across any number of partial
 * writes, and dropping what is queued never cuts a frame the socket has half taken.
 */
class OutboundBufferTests {

	private final OutboundBuffer buffer = new OutboundBuffer();

	@Test
	void bytesComeOutInOrderWhateverTheWritesTake() {
		this.buffer.addFrame(ByteBuffer.wrap(hex("01 02 03")));
		this.buffer.addFrame(ByteBuffer.wrap(hex("04")));
		this.buffer.addContinuation(ByteBuffer.wrap(hex("05 06")));
		StringBuilder written = new StringBuilder();
		while (!this.buffer.isEmpty()) {
			ByteBuffer socket = ByteBuffer.allocate(2);
			int copied = this.buffer.copyTo(socket);
			// The socket takes one byte of what was offered.
			written.append(hex(new byte[] { socket.get(0) })).append(' ');
			this.buffer.consume(1);
			assertThat(copied).isPositive();
		}
		assertThat(written.toString().trim()).isEqualTo("01 02 03 04 05 06");
		assertThat(this.buffer.bytes()).isZero();
	}

	@Test
	void copyingConsumesNothingAndLeavesTheSourceBuffersAsTheyWere() {
		ByteBuffer frame = ByteBuffer.wrap(hex("0a 0b 0c 0d"), 1, 3).slice();
		this.buffer.addFrame(frame);
		ByteBuffer dest = ByteBuffer.allocate(8);
		assertThat(this.buffer.copyTo(dest)).isEqualTo(3);
		assertThat(this.buffer.copyTo(ByteBuffer.allocate(8))).isEqualTo(3);
		assertThat(frame.position()).isZero();
		assertThat(this.buffer.bytes()).isEqualTo(3);
	}

	@Test
	void consumingMoreThanIsQueuedIsABug() {
		this.buffer.addFrame(ByteBuffer.wrap(hex("01")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.consume(2));
	}

	@Test
	void droppingBetweenFramesDropsEverything() {
		this.buffer.addFrame(ByteBuffer.wrap(hex("01 02")));
		this.buffer.addFrame(ByteBuffer.wrap(hex("03 04")));
		this.buffer.consume(2);
		assertThat(this.buffer.dropAllButPartialFrame()).isEqualTo(2);
		assertThat(this.buffer.isEmpty()).isTrue();
	}

	@Test
	void droppingInsideAFrameKeepsItsRestAcrossItsBuffers() {
		this.buffer.addFrame(ByteBuffer.wrap(hex("81 7e")));
		this.buffer.addContinuation(ByteBuffer.wrap(hex("01 02 03")));
		this.buffer.addContinuation(ByteBuffer.wrap(hex("04")));
		this.buffer.addFrame(ByteBuffer.wrap(hex("88 00")));
		this.buffer.consume(1);
		assertThat(this.buffer.dropAllButPartialFrame()).isEqualTo(2);
		ByteBuffer rest = ByteBuffer.allocate(16);
		this.buffer.copyTo(rest);
		assertThat(hex(rest.flip().array()).substring(0, 14)).isEqualTo("7e 01 02 03 04");
		assertThat(this.buffer.bytes()).isEqualTo(5);
	}

	@Test
	void droppingWhenTheHeadIsAContinuationAlreadyStartedKeepsIt() {
		this.buffer.addFrame(ByteBuffer.wrap(hex("82 03")));
		this.buffer.addContinuation(ByteBuffer.wrap(hex("01 02 03")));
		this.buffer.addFrame(ByteBuffer.wrap(hex("88 00")));
		// The header went out whole; the payload buffer is now the head, nothing of it written.
		this.buffer.consume(2);
		assertThat(this.buffer.dropAllButPartialFrame()).isEqualTo(2);
		assertThat(this.buffer.bytes()).isEqualTo(3);
	}

	@Test
	void aBurstGrowsTheRingAndAQuietBufferGivesItBack() {
		for (int i = 0; i < 100; i++) {
			this.buffer.addFrame(ByteBuffer.wrap(new byte[] { (byte) i }));
		}
		ByteBuffer all = ByteBuffer.allocate(100);
		assertThat(this.buffer.copyTo(all)).isEqualTo(100);
		for (int i = 0; i < 100; i++) {
			assertThat(all.get(i)).isEqualTo((byte) i);
		}
		this.buffer.consume(100);
		assertThat(this.buffer.isEmpty()).isTrue();
		this.buffer.addFrame(ByteBuffer.wrap(hex("ff")));
		assertThat(this.buffer.bytes()).isEqualTo(1);
	}

}
