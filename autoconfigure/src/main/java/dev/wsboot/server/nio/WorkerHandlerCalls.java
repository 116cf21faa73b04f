package dev.wsboot.server.nio;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.LongSupplier;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import org.jspecify.annotations.Nullable;

/**
 * {@link HandlerCalls} made on the worker executor, for handlers that may block. One task
 * at a time runs a session's calls, in order; it runs at most a bounded batch, then hands
 * its thread back and queues itself again, so a busy session cannot keep a worker while
 * others wait.
 *
 * <p>The calls waiting are counted in bytes, the messages' sizes plus a little for each
 * call, so that the connection stops reading when the handler falls behind by more than
 * {@value #PAUSE_BYTES} bytes, however small or large the messages, and is nudged to read
 * again once the backlog is under {@value #RESUME_BYTES}.
 */
final class WorkerHandlerCalls extends HandlerCalls implements Runnable {

	/** Backlog at which the connection stops reading. */
	static final long PAUSE_BYTES = 1024 * 1024;

	/** Backlog under which a paused connection reads again. */
	static final long RESUME_BYTES = 256 * 1024;

	/** What a call costs besides its message: the task, its queue slot, the event's object. */
	static final int CALL_OVERHEAD = 64;

	/** Calls one task runs at most before it queues itself again. */
	static final int MAX_BATCH = 64;

	/** Time one task runs at most (checked between calls) before it queues itself again. */
	static final long MAX_BATCH_NANOS = 5_000_000;

	private final WsHandler handler;

	private final Executor executor;

	private final Runnable resumeReading;

	private final Runnable rejected;

	private final LongSupplier clock;

	private final Scheduling loop;

	private final Runnable flush;

	private @Nullable ArrayDeque<Call> pending;

	private long pendingBytes;

	/** A task is queued on the executor or running. */
	private boolean scheduled;

	/** The connection stopped reading and waits for the backlog to shrink. */
	private boolean resumeWanted;

	/** The worker thread running this session's calls now, if any. */
	private volatile @Nullable Thread runningOn;

	/**
	 * @param loop the connection's I/O loop
	 * @param resumeReading asks the I/O thread to read again; runs on a worker thread
	 * @param flush writes what a batch of calls sent; runs on a worker thread
	 * @param rejected reports that the executor refused a task, which then runs on the caller
	 */
	WorkerHandlerCalls(WsHandler handler, Executor executor, Scheduling loop, Runnable resumeReading, Runnable flush,
			Runnable rejected) {
		this(handler, executor, loop, resumeReading, flush, rejected, System::nanoTime);
	}

	/** With a clock of {@link System#nanoTime()} values, which tests may control. */
	WorkerHandlerCalls(WsHandler handler, Executor executor, Scheduling loop, Runnable resumeReading, Runnable flush,
			Runnable rejected, LongSupplier clock) {
		this.handler = handler;
		this.executor = executor;
		this.loop = loop;
		this.resumeReading = resumeReading;
		this.flush = flush;
		this.rejected = rejected;
		this.clock = clock;
	}

	private record Call(Runnable action, long bytes) {
	}

	/** What the calls need of the connection's I/O loop; the loop itself, or a test's stand-in. */
	interface Scheduling {

		/** Whether the calling thread is the loop's. */
		boolean inLoop();

		/** Starts {@code calls} once the loop's current turn has read everything ready. */
		void handOffAtEndOfTurn(WorkerHandlerCalls calls);

		/** A task of calls was handed to the executor. */
		void callsStarted();

		/** A task of calls ended its batch. */
		void callsEnded();

	}

	@Override
	void open(NioWsSession session) {
		submit(() -> callOpen(this.handler, session), 0);
	}

	@Override
	void text(NioWsSession session, String text, int bytes) {
		submit(() -> callText(this.handler, session, text), bytes);
	}

	@Override
	void binary(NioWsSession session, byte[] data) {
		submit(() -> callBinary(this.handler, session, data), data.length);
	}

	@Override
	void pong(NioWsSession session, byte[] payload) {
		submit(() -> callPong(this.handler, session, payload), payload.length);
	}

	@Override
	void closed(NioWsSession session, CloseStatus status, Runnable finished) {
		submit(() -> callClose(this.handler, session, status, finished), 0);
	}

	@Override
	void after(Runnable task) {
		submit(task, 0);
	}

	@Override
	synchronized boolean isBacklogged() {
		if (this.pendingBytes < PAUSE_BYTES) {
			return false;
		}
		this.resumeWanted = true;
		return true;
	}

	/** Bytes of the calls waiting or running. */
	synchronized long backlog() {
		return this.pendingBytes;
	}

	private void submit(Runnable action, long bytes) {
		Call call = new Call(action, bytes + CALL_OVERHEAD);
		boolean start;
		synchronized (this) {
			if (this.pending == null) {
				this.pending = new ArrayDeque<>(4);
			}
			this.pending.add(call);
			this.pendingBytes += call.bytes();
			start = !this.scheduled;
			this.scheduled = true;
		}
		if (start) {
			if (this.loop.inLoop()) {
				// Handed to the executor once the loop's turn has read everything ready, so a
				// worker woken now does not interrupt the read and gets the whole batch.
				this.loop.handOffAtEndOfTurn(this);
			}
			else {
				start();
			}
		}
	}

	/** Hands this session's waiting calls to the executor. */
	void start() {
		this.loop.callsStarted();
		try {
			this.executor.execute(this);
		}
		catch (RejectedExecutionException ex) {
			this.loop.callsEnded();
			// Degrade rather than lose events: ordering and onClose are kept by running here.
			this.rejected.run();
			drainHere();
		}
	}

	@Override
	boolean isRunningOnThisThread() {
		return this.runningOn == Thread.currentThread();
	}

	/** Runs a batch of calls, then writes what they sent. */
	@Override
	public void run() {
		this.runningOn = Thread.currentThread();
		try {
			runBatch();
		}
		finally {
			this.runningOn = null;
			// While the executor has other sessions' calls queued, their batch ends are coming:
			// the last one wakes the loop, which writes every deferred reply in one turn.
			if (!hasQueuedWork()) {
				this.flush.run();
			}
			this.loop.callsEnded();
		}
	}

	private void runBatch() {
		long started = this.clock.getAsLong();
		for (int done = 0;; done++) {
			if (done >= MAX_BATCH || this.clock.getAsLong() - started > MAX_BATCH_NANOS) {
				if (requeue()) {
					return;
				}
				started = this.clock.getAsLong();
				done = 0;
			}
			if (!runNext()) {
				return;
			}
		}
	}

	private boolean hasQueuedWork() {
		return this.executor instanceof ThreadPoolExecutor pool && !pool.getQueue().isEmpty();
	}

	/** Queues this task again to let others run; false when the executor refuses, so this thread goes on. */
	private boolean requeue() {
		this.loop.callsStarted();
		try {
			this.executor.execute(this);
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.loop.callsEnded();
			return false;
		}
	}

	private void drainHere() {
		while (runNext()) {
			// Until nothing is left.
		}
	}

	/** Runs the next call; false when there was none and the task ends. */
	private boolean runNext() {
		Call call;
		synchronized (this) {
			call = (this.pending != null) ? this.pending.poll() : null;
			if (call == null) {
				this.pending = null;
				this.scheduled = false;
				return false;
			}
		}
		try {
			call.action().run();
		}
		finally {
			boolean resume;
			synchronized (this) {
				this.pendingBytes -= call.bytes();
				resume = this.resumeWanted && this.pendingBytes <= RESUME_BYTES;
				if (resume) {
					this.resumeWanted = false;
				}
			}
			if (resume) {
				this.resumeReading.run();
			}
		}
		return true;
	}

}
