package dev.wsboot.server.nio;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

/**
 * Runs one connection's handler calls on the worker executor, in order and one at a time,
 * draining every call that is ready in a single task so that a busy connection pays one
 * thread hand-off per batch rather than per message.
 *
 * <p>When too many calls are waiting, reading from the connection is paused until the
 * handler catches up, so a slow handler cannot make the server buffer without bound.
 */
final class HandlerDispatcher implements Runnable {

	/** Pending calls at which reading is paused, and at which it resumes. */
	static final int PAUSE_AT = 256;

	static final int RESUME_AT = 64;

	private final Connection connection;

	private final Executor executor;

	private @Nullable ArrayDeque<Runnable> pending;

	private boolean scheduled;

	private boolean paused;

	/** The worker thread draining right now, so sends from it can be written once at the end. */
	private volatile @Nullable Thread drainingThread;

	HandlerDispatcher(Connection connection, Executor executor) {
		this.connection = connection;
		this.executor = executor;
	}

	/** Queues a call; starts a drain task unless one is queued or running. */
	void dispatch(Runnable call) {
		boolean schedule;
		boolean pause = false;
		synchronized (this) {
			if (this.pending == null) {
				this.pending = new ArrayDeque<>(4);
			}
			this.pending.add(call);
			schedule = !this.scheduled;
			this.scheduled = true;
			if (!this.paused && this.pending.size() >= PAUSE_AT) {
				this.paused = true;
				pause = true;
			}
		}
		if (pause) {
			this.connection.pauseReading();
		}
		if (schedule) {
			try {
				this.executor.execute(this);
			}
			catch (RejectedExecutionException ex) {
				this.connection.onExecutorRejected();
				run();
			}
		}
	}

	@Override
	public void run() {
		this.drainingThread = Thread.currentThread();
		while (true) {
			Runnable call;
			boolean resume = false;
			synchronized (this) {
				call = (this.pending != null) ? this.pending.poll() : null;
				if (call != null && this.paused && this.pending.size() <= RESUME_AT) {
					this.paused = false;
					resume = true;
				}
			}
			if (call == null) {
				// Write what this batch sent in one go, then stop unless more arrived meanwhile.
				this.connection.writer().flush();
				synchronized (this) {
					if (this.pending == null || this.pending.isEmpty()) {
						this.pending = null;
						this.drainingThread = null;
						this.scheduled = false;
						return;
					}
				}
				continue;
			}
			if (resume) {
				this.connection.resumeReading();
			}
			this.connection.runHandlerCall(call);
		}
	}

	/** Whether the calling thread is draining this connection's calls right now. */
	boolean isDrainingThread() {
		return this.drainingThread == Thread.currentThread();
	}

}
