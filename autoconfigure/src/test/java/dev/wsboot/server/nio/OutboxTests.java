package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.server.SendResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Outbox}: messages from other threads are admitted within the outbound
 * limit at once, kept in order for the I/O thread, and refused after a close.
 */
class OutboxTests {

	private static final int LIMIT = 100;

	private final Outbox outbox = new Outbox(LIMIT);

	@Test
	void requestsAreTakenInTheOrderTheyWereAsked() {
		assertThat(this.outbox.offer(message(10), 10)).isEqualTo(SendResult.QUEUED);
		assertThat(this.outbox.offer(new Outbox.Ping(new byte[1]), 1)).isEqualTo(SendResult.QUEUED);
		assertThat(this.outbox.offerClose(CloseStatus.NORMAL)).isTrue();
		ArrayDeque<Outbox.Request> taken = this.outbox.takeAll();
		assertThat(taken).extracting((request) -> request.getClass().getSimpleName())
			.containsExactly("Message", "Ping", "Close");
		assertThat(this.outbox.takeAll()).isNull();
	}

	@Test
	void theLimitCountsWhatWaitsHereAndWhatTheEngineHasNotWritten() {
		this.outbox.publishEngineBytes(60);
		assertThat(this.outbox.offer(message(30), 30)).isEqualTo(SendResult.QUEUED);
		assertThat(this.outbox.bufferedAmount()).isEqualTo(90);
		assertThat(this.outbox.offer(message(20), 20)).isEqualTo(SendResult.OVERFLOW);
		assertThat(this.outbox.takeAll()).as("dropped on overflow").isNull();
		assertThat(this.outbox.offer(message(1), 1)).as("after an overflow").isEqualTo(SendResult.CLOSED);
	}

	@Test
	void oneMessageLargerThanTheLimitPassesWhenNothingWaits() {
		assertThat(this.outbox.offer(message(1000), 1000)).isEqualTo(SendResult.QUEUED);
		assertThat(this.outbox.offer(message(1), 1)).isEqualTo(SendResult.OVERFLOW);
	}

	@Test
	void takingCountsTheBytesAsTheEnginesUntilItPublishesWhatIsLeft() {
		this.outbox.offer(message(80), 80);
		this.outbox.takeAll();
		assertThat(this.outbox.bufferedAmount()).isEqualTo(80);
		assertThat(this.outbox.offer(message(30), 30)).as("still counted").isEqualTo(SendResult.OVERFLOW);
	}

	@Test
	void nothingIsAdmittedAfterACloseWasAskedFor() {
		assertThat(this.outbox.offerClose(CloseStatus.NORMAL)).isTrue();
		assertThat(this.outbox.offerClose(CloseStatus.GOING_AWAY)).isFalse();
		assertThat(this.outbox.offer(message(1), 1)).isEqualTo(SendResult.CLOSED);
		assertThat(this.outbox.isRefusing()).isTrue();
		assertThat(this.outbox.isIdle()).isFalse();
	}

	@Test
	void theI0ThreadMaySendDirectlyOnlyWhenNothingWaitsAndNothingIsRefused() {
		assertThat(this.outbox.isIdle()).isTrue();
		this.outbox.offer(message(1), 1);
		assertThat(this.outbox.isIdle()).isFalse();
		this.outbox.takeAll();
		assertThat(this.outbox.isIdle()).isTrue();
		this.outbox.shut();
		assertThat(this.outbox.isIdle()).isFalse();
	}

	@Test
	void aSharedMessageKeepsItsFrame() {
		ByteBuffer frame = ByteBuffer.wrap(new byte[] { (byte) 0x81, 0 });
		this.outbox.offer(new Outbox.Shared(Opcode.TEXT, new byte[0], frame), 0);
		assertThat(this.outbox.takeAll()).singleElement()
			.satisfies((request) -> assertThat(((Outbox.Shared) request).frame()).isSameAs(frame));
	}

	private static Outbox.Message message(int length) {
		return new Outbox.Message(Opcode.BINARY, new byte[length], 0, length);
	}

}
