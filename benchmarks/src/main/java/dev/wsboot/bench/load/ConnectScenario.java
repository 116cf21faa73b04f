package dev.wsboot.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Memory per held connection, for {@code connect} (idle connections) and {@code partial-frame}
 * (connections stalled in the middle of a frame; see {@link HeldConnections}). First
 * {@code --warm-connections} are opened and released, so that classes loaded, code compiled and
 * pools created for the first connections are not charged to the measured ones. Then the
 * server's memory is read ({@link ServerMemory}: live heap after a full GC, and native memory),
 * {@code --connections} are opened in {@code --steps} with a reading after each, and the score is
 * live heap plus native bytes per open connection at the last step.
 */
final class ConnectScenario implements Scenario {

	private final HeldConnections held;

	ConnectScenario(HeldConnections held) {
		this.held = held;
	}

	@Override
	public Results run(LoadRun run) throws Exception {
		LoadOptions options = run.options();
		long pid = options.serverPid();
		if (pid <= 0) {
			throw new IllegalArgumentException("the " + options.scenario() + " scenario needs --server-pid to read the server's memory");
		}
		run.requireFileDescriptors(Math.max(options.connections(), options.warmConnections()));
		ServerMemory memory = ServerMemory.of(pid);
		TreeSet<Integer> targets = new TreeSet<>();
		options.steps().stream().filter((s) -> s < options.connections()).forEach(targets::add);
		targets.add(options.connections());
		Connector connector = run.connector();
		warm(run, connector);

		MemoryReading baseline = memory.read(0);
		LoadRun.progress("%s: server pid %d, live heap %,d KiB, native %,d KiB; opening %,d connections in steps %s",
				options.scenario(), pid, baseline.liveHeapBytes() / 1024, baseline.nativeBytes() / 1024, options.connections(),
				targets);
		List<ClientConnection> connections = new ArrayList<>();
		List<Map<String, Object>> steps = new ArrayList<>();
		double connectSeconds = 0;
		MemoryReading previous = baseline;
		MemoryReading beforeLastStep = baseline;
		for (int target : targets) {
			Connector.Batch batch = connector.open(target - connections.size(), (i) -> this.held.listener(options));
			connections.addAll(batch.connections());
			connectSeconds += batch.seconds();
			LoadRun.sleep(options.settle());
			MemoryReading reading = memory.read(countOpen(connections));
			MemoryReading.PerConnection total = reading.since(baseline);
			Map<String, Object> step = reading.toJson();
			step.put("per_connection", total.toJson());
			// Only the connections this step added: one-off costs of the first ones fall out of it.
			step.put("step_per_connection", reading.since(previous).toJson());
			steps.add(step);
			LoadRun.progress("  %,d open: per connection %,.0f B live heap + %,.0f B native = %,.0f B (VmRSS %,.0f B)",
					reading.connections(), total.liveHeap(), total.nativeMemory(), total.sum(), total.rss());
			beforeLastStep = previous;
			previous = reading;
		}
		if (!options.hold().isZero()) {
			run.sleepWithProgress(options.hold(), "holding", () -> countOpen(connections));
		}
		int stillOpen = countOpen(connections);
		this.held.release(run, connections);
		run.stopThreads();

		MemoryReading.PerConnection last = previous.since(baseline);
		// The connections of the last step alone: what one more connection costs once the
		// server has compiled its code and sized its tables (noisy native growth falls out).
		MemoryReading.PerConnection lastStep = previous.since(beforeLastStep);
		return new Results().score(last.sum(), "bytes/connection", false)
			.put("connections_open", previous.connections())
			.put("connections_still_open_at_end", stillOpen)
			.put("connect_seconds", connectSeconds)
			.put("connections_per_sec", connections.size() / connectSeconds)
			.put("memory", memory.toJson())
			.put("baseline", baseline.toJson())
			.put("steps", steps)
			.put("live_heap_bytes_per_connection", last.liveHeap())
			.put("native_bytes_per_connection", last.nativeMemory())
			.put("memory_bytes_per_connection", last.sum())
			.put("rss_bytes_per_connection", last.rss())
			.put("last_step_memory_bytes_per_connection", lastStep.sum());
	}

	/** Opens and releases {@code --warm-connections}, then lets the server finish closing them. */
	private void warm(LoadRun run, Connector connector) throws InterruptedException {
		int count = run.options().warmConnections();
		if (count == 0) {
			return;
		}
		LoadRun.progress("warming up the server with %,d connections", count);
		Connector.Batch batch = connector.open(count, (i) -> this.held.listener(run.options()));
		LoadRun.sleep(run.options().settle());
		this.held.release(run, batch.connections());
		LoadRun.sleep(run.options().settle());
	}

	private static int countOpen(List<ClientConnection> connections) {
		return (int) connections.stream().filter((c) -> c.state() == ClientConnection.State.OPEN).count();
	}
}
