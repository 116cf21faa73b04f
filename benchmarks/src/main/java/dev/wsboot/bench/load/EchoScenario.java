package dev.wsboot.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop echo: every connection keeps {@code --in-flight} messages outstanding and sends
 * the next one as each echo returns; counts echoes per second and the send-to-echo latency
 * (service time: a closed loop never queues more than it can take). With one 1 MiB message in
 * flight this is also the {@code large} scenario, scored in MiB/s.
 */
final class EchoScenario implements Scenario {

	private volatile boolean recording;

	private volatile boolean stopping;

	private final LongAdder echoes = new LongAdder();

	private LatencyRecorder latency;

	@Override
	public Results run(LoadRun run) throws Exception {
		LoadOptions options = run.options();
		this.latency = new LatencyRecorder(options.threads());
		run.requireFileDescriptors(options.connections());
		LoadRun.progress("%s: %d connections to %s:%d%s, %d in flight of %d bytes (%s)", options.scenario(),
				options.connections(), options.host(), options.port(), options.path(), options.inFlight(), options.size(),
				options.binary() ? "binary" : "text");
		Connector.Batch batch = run.connector().open(options.connections(), (i) -> new Driver(options.inFlight()));
		if (batch.open() == 0) {
			throw new IllegalStateException("no connection could be opened");
		}
		run.sleepWithProgress(options.warmup(), "warmup", this.echoes::sum);
		CpuWindow window = run.startWindow();
		this.recording = true;
		run.sleepWithProgress(options.duration(), "measure", this.echoes::sum);
		this.recording = false;
		window.stop();
		this.stopping = true;
		run.closeAll(batch.connections());
		run.stopThreads();

		long messages = this.echoes.sum();
		double seconds = window.seconds();
		double mibPerSecond = messages * (double) options.size() / seconds / (1 << 20);
		Results results = new Results();
		if (options.scenario().equals("large")) {
			results.score(mibPerSecond, "MiB/s", true);
		}
		else {
			results.score(messages / seconds, "msg/s", true);
		}
		return results.put("connections_open", batch.open())
			.put("messages", messages)
			.put("messages_per_sec", messages / seconds)
			.put("mib_per_sec", mibPerSecond)
			.put("latency", this.latency.toJson())
			.put("window", window.toJson());
	}

	/** One connection's loop; send times are kept in a ring, since echoes come back in order. */
	private final class Driver implements ConnectionListener {

		private final long[] sentAt;

		private int outstanding;

		Driver(int inFlight) {
			this.sentAt = new long[inFlight];
		}

		@Override
		public void onOpen(ClientConnection connection) {
			while (this.outstanding < this.sentAt.length && !EchoScenario.this.stopping) {
				send(connection, connection.receivedAt());
			}
		}

		@Override
		public void onMessage(ClientConnection connection, long seq) {
			this.outstanding--;
			if (EchoScenario.this.recording) {
				EchoScenario.this.echoes.increment();
				EchoScenario.this.latency.record(connection.io(), connection.receivedAt() - this.sentAt[slot(seq)]);
			}
			if (!EchoScenario.this.stopping && connection.state() == ClientConnection.State.OPEN) {
				send(connection, connection.receivedAt());
			}
		}

		private void send(ClientConnection connection, long now) {
			long seq = connection.sendMessage();
			this.sentAt[slot(seq)] = now;
			this.outstanding++;
		}

		private int slot(long seq) {
			return (int) (seq % this.sentAt.length);
		}
	}
}
