package dev.wsboot.bench.load;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection churn: each of {@code --concurrency} slots loops connect, upgrade, one echoed
 * message, client-initiated close (code 1000, then wait for the server's close frame and its
 * TCP close); counts complete cycles per second and the time of a cycle.
 */
final class HandshakeScenario implements Scenario {

	/** Pause before a slot retries after a failed cycle, so a refusing server is not hammered. */
	private static final long RETRY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private volatile boolean recording;

	private volatile boolean stopping;

	private final LongAdder cycles = new LongAdder();

	private final AtomicInteger activeSlots = new AtomicInteger();

	private final AtomicLong started = new AtomicLong();

	private LatencyRecorder cycleTime;

	private LoadRun run;

	@Override
	public Results run(LoadRun run) throws Exception {
		this.run = run;
		LoadOptions options = run.options();
		this.cycleTime = new LatencyRecorder(options.threads());
		LoadRun.progress("handshake: %d slots against %s:%d%s", options.concurrency(), options.host(), options.port(),
				options.path());
		for (int slot = 0; slot < options.concurrency(); slot++) {
			IoThread io = run.thread(slot);
			this.activeSlots.incrementAndGet();
			io.execute(() -> startCycle(io));
		}
		run.sleepWithProgress(options.warmup(), "warmup", this.cycles::sum);
		CpuWindow window = run.startWindow();
		this.recording = true;
		run.sleepWithProgress(options.duration(), "measure", this.cycles::sum);
		this.recording = false;
		window.stop();
		this.stopping = true;
		long bound = System.nanoTime() + options.handshakeTimeout().plus(options.closeTimeout()).toNanos();
		while (this.activeSlots.get() > 0 && System.nanoTime() - bound < 0) {
			LoadRun.sleep(Duration.ofMillis(20));
		}
		run.stopThreads();

		long count = this.cycles.sum();
		double seconds = window.seconds();
		return new Results().score(count / seconds, "cycles/s", true)
			.put("cycles", count)
			.put("cycles_started", this.started.get())
			.put("cycles_per_sec", count / seconds)
			.put("latency", this.cycleTime.toJson())
			.put("window", window.toJson());
	}

	private void startCycle(IoThread io) {
		if (this.stopping) {
			this.activeSlots.decrementAndGet();
			return;
		}
		long n = this.started.getAndIncrement();
		this.run.newConnection(io, this.run.bindAddress(n), new Cycle(io)).start();
	}

	/** One connection's life within a slot; its end starts the next one. */
	private final class Cycle implements ConnectionListener {

		private final IoThread io;

		private final long startedAt = System.nanoTime();

		private boolean echoed;

		Cycle(IoThread io) {
			this.io = io;
		}

		@Override
		public void onOpen(ClientConnection connection) {
			connection.sendMessage();
		}

		@Override
		public void onMessage(ClientConnection connection, long seq) {
			this.echoed = true;
			connection.close(1000);
		}

		@Override
		public void onClosed(ClientConnection connection, boolean clean) {
			if (clean && this.echoed) {
				if (HandshakeScenario.this.recording) {
					HandshakeScenario.this.cycles.increment();
					HandshakeScenario.this.cycleTime.record(this.io, System.nanoTime() - this.startedAt);
				}
				startCycle(this.io);
			}
			else {
				this.io.schedule(RETRY_DELAY_NANOS, () -> startCycle(this.io));
			}
		}
	}
}
