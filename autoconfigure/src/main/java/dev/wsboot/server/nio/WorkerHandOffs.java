package dev.wsboot.server.nio;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The side of one {@link IoLoop} of the handler calls that run on workers: the sessions
 * whose new calls go to the executor at the end of the turn, once the turn read everything
 * ready, and how many tasks of calls are queued or running, which keeps the loop ticking so
 * that what a slow handler sends is written while it still runs.
 */
final class WorkerHandOffs {

	private final NioWsServer server;

	/** Loop thread only. */
	private final List<WorkerHandlerCalls> pending = new ArrayList<>();

	private final AtomicInteger callsInFlight = new AtomicInteger();

	WorkerHandOffs(NioWsServer server) {
		this.server = server;
	}

	/** Starts {@code calls} at the end of this turn; loop thread. */
	void add(WorkerHandlerCalls calls) {
		this.pending.add(calls);
	}

	/** A task of calls was handed to the executor; any thread. */
	void callsStarted() {
		this.callsInFlight.incrementAndGet();
	}

	/** A task of calls ended its batch; any thread. */
	void callsEnded() {
		this.callsInFlight.decrementAndGet();
	}

	/** Whether tasks of handler calls are queued or running for the loop's connections. */
	boolean hasCallsInFlight() {
		return this.callsInFlight.get() > 0;
	}

	/** Starts what this turn handed off. */
	void startAll() {
		int count = this.pending.size();
		if (count == 0) {
			return;
		}
		if (count == 1) {
			this.pending.get(0).start();
			this.pending.clear();
			return;
		}
		// One hand-off from this thread; a worker hands the rest over. Each hand-off may wake
		// a worker that then takes the CPU, so this thread finishes its turn first.
		WorkerHandlerCalls[] batch = this.pending.toArray(new WorkerHandlerCalls[0]);
		this.pending.clear();
		try {
			this.server.executor().execute(() -> {
				for (WorkerHandlerCalls calls : batch) {
					calls.start();
				}
			});
		}
		catch (RuntimeException ex) {
			for (WorkerHandlerCalls calls : batch) {
				calls.start();
			}
		}
	}

}
