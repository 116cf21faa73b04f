package dev.wsboot.server.nio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WorkerHandlerCalls}, driven by an executor that runs its tasks only when
 * the test says so: calls run in order, in bounded batches that queue themselves again, and
 * the backlog is counted in bytes, with one nudge to read again when it shrinks.
 */
class WorkerHandlerCallsTests {

	private final ManualExecutor executor = new ManualExecutor();

	private final List<String> calls = new ArrayList<>();

	private final AtomicInteger resumes = new AtomicInteger();

	private final AtomicInteger rejections = new AtomicInteger();

	/** The time a call seems to take; calls take none unless a test says so. */
	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger flushes = new AtomicInteger();

	private final FakeLoop loop = new FakeLoop();

	/** The recorder handler looks at no session. */
	private static final NioWsSession NO_SESSION = null;

	private final WorkerHandlerCalls handlerCalls = new WorkerHandlerCalls(new Recorder(), this.executor, this.loop,
			this.resumes::incrementAndGet, this.flushes::incrementAndGet, this.rejections::incrementAndGet, this.now::get);

	@Test
	void callsRunInOrderInOneTask() {
		this.handlerCalls.open(NO_SESSION);
		this.handlerCalls.text(NO_SESSION, "a", 1);
		this.handlerCalls.binary(NO_SESSION, new byte[2]);
		this.handlerCalls.closed(NO_SESSION, CloseStatus.NORMAL, () -> this.calls.add("finished"));
		assertThat(this.executor.tasks).hasSize(1);
		this.executor.runAll();
		assertThat(this.calls).containsExactly("open", "text a", "binary 2", "close 1000", "finished");
	}

	@Test
	void aTaskRunsABoundedBatchThenQueuesItselfAgain() {
		for (int i = 0; i < WorkerHandlerCalls.MAX_BATCH + 10; i++) {
			this.handlerCalls.text(NO_SESSION, Integer.toString(i), 1);
		}
		this.executor.runNext();
		assertThat(this.calls).hasSize(WorkerHandlerCalls.MAX_BATCH);
		assertThat(this.executor.tasks).as("queued again behind others").hasSize(1);
		this.executor.runNext();
		assertThat(this.calls).hasSize(WorkerHandlerCalls.MAX_BATCH + 10);
		assertThat(this.executor.tasks).isEmpty();
	}

	@Test
	void aTaskWhoseCallsTakeLongQueuesItselfAgainSooner() {
		this.handlerCalls.text(NO_SESSION, "quick", 1);
		this.handlerCalls.text(NO_SESSION, "slow", 1);
		this.handlerCalls.text(NO_SESSION, "quick", 1);
		this.executor.runNext();
		assertThat(this.calls).as("calls of the first batch").containsExactly("text quick", "text slow");
		assertThat(this.executor.tasks).hasSize(1);
	}

	@Test
	void theBacklogIsCountedInBytesAndShrinkingItNudgesTheReaderOnce() {
		int message = 100 * 1024;
		int count = (int) (WorkerHandlerCalls.PAUSE_BYTES / message) + 1;
		for (int i = 0; i < count; i++) {
			this.handlerCalls.binary(NO_SESSION, new byte[message]);
		}
		assertThat(this.handlerCalls.isBacklogged()).isTrue();
		this.executor.runAll();
		assertThat(this.handlerCalls.backlog()).isZero();
		assertThat(this.resumes).hasValue(1);
		assertThat(this.handlerCalls.isBacklogged()).isFalse();
	}

	@Test
	void manyTinyMessagesCountTooThroughTheirOverhead() {
		long calls = WorkerHandlerCalls.PAUSE_BYTES / WorkerHandlerCalls.CALL_OVERHEAD;
		for (long i = 0; i < calls; i++) {
			this.handlerCalls.text(NO_SESSION, "", 0);
		}
		assertThat(this.handlerCalls.isBacklogged()).isTrue();
	}

	@Test
	void anExecutorThatRefusesMakesTheCallerRunTheCallsInOrder() {
		this.executor.refusing = true;
		this.handlerCalls.text(NO_SESSION, "x", 1);
		this.handlerCalls.text(NO_SESSION, "y", 1);
		assertThat(this.calls).containsExactly("text x", "text y");
		assertThat(this.rejections).hasValue(2);
	}

	@Test
	void whatABatchSentIsWrittenWhenItEnds() {
		this.handlerCalls.text(NO_SESSION, "a", 1);
		this.handlerCalls.text(NO_SESSION, "b", 1);
		this.executor.runAll();
		assertThat(this.flushes).hasValue(1);
	}

	@Test
	void theLoopKnowsWhileCallsAreInFlightSoItCanTickForSlowHandlers() {
		this.handlerCalls.text(NO_SESSION, "a", 1);
		assertThat(this.loop.inFlight).hasValue(1);
		this.executor.runAll();
		assertThat(this.loop.inFlight).hasValue(0);
	}

	@Test
	void callsAskedForOnTheLoopGoToTheExecutorAtTheEndOfItsTurn() {
		this.loop.inLoop = true;
		this.handlerCalls.text(NO_SESSION, "a", 1);
		this.handlerCalls.text(NO_SESSION, "b", 1);
		assertThat(this.executor.tasks).isEmpty();
		assertThat(this.loop.handedOff).containsExactly(this.handlerCalls);
		this.handlerCalls.start();
		this.executor.runAll();
		assertThat(this.calls).containsExactly("text a", "text b");
	}

	/** Stands in for the connection's I/O loop. */
	private static final class FakeLoop implements WorkerHandlerCalls.Scheduling {

		boolean inLoop;

		final List<WorkerHandlerCalls> handedOff = new ArrayList<>();

		final AtomicInteger inFlight = new AtomicInteger();

		@Override
		public boolean inLoop() {
			return this.inLoop;
		}

		@Override
		public void handOffAtEndOfTurn(WorkerHandlerCalls calls) {
			this.handedOff.add(calls);
		}

		@Override
		public void callsStarted() {
			this.inFlight.incrementAndGet();
		}

		@Override
		public void callsEnded() {
			this.inFlight.decrementAndGet();
		}

	}

	/** Runs tasks only when asked, in the order given. */
	private static final class ManualExecutor implements Executor {

		final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

		boolean refusing;

		@Override
		public void execute(Runnable task) {
			if (this.refusing) {
				throw new RejectedExecutionException("full");
			}
			this.tasks.add(task);
		}

		void runNext() {
			this.tasks.poll().run();
		}

		void runAll() {
			while (!this.tasks.isEmpty()) {
				runNext();
			}
		}

	}

	private final class Recorder implements WsHandler {

		@Override
		public void onOpen(WsSession session) {
			WorkerHandlerCallsTests.this.calls.add("open");
		}

		@Override
		public void onText(WsSession session, String text) {
			WorkerHandlerCallsTests.this.calls.add("text " + text);
			if (text.equals("slow")) {
				// This one call takes longer than a batch may.
				WorkerHandlerCallsTests.this.now.addAndGet(WorkerHandlerCalls.MAX_BATCH_NANOS + 1);
			}
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
			WorkerHandlerCallsTests.this.calls.add("binary " + data.length);
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			WorkerHandlerCallsTests.this.calls.add("close " + status.code());
		}

	}

}
