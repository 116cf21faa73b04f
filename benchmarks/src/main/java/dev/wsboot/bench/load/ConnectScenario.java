package dev.wsboot.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Memory per idle connection: reads the server's resident set ({@code VmRSS}) before
 * connecting, opens {@code --connections} WebSocket connections (in {@code --steps}, reading it
 * again after each), lets things settle and reports (after - before) / connections in KiB.
 * The figure includes everything the server grew by, heap the JVM had not touched yet included,
 * so it is a cost per connection as an operator would see it, not an object size. With
 * {@code --live-heap true} (the default) each reading is followed by {@link JvmHeap}'s live-heap
 * figure, which forces a full GC in the server: the object cost per connection.
 */
final class ConnectScenario implements Scenario {

	@Override
	public Results run(LoadRun run) throws Exception {
		LoadOptions options = run.options();
		long pid = options.serverPid();
		if (pid <= 0) {
			throw new IllegalArgumentException("the connect scenario needs --server-pid to read the server's memory");
		}
		run.requireFileDescriptors(options.connections());
		TreeSet<Integer> targets = new TreeSet<>();
		options.steps().stream().filter((s) -> s < options.connections()).forEach(targets::add);
		targets.add(options.connections());

		long before = ProcFs.residentKib(pid);
		OptionalLong heapBefore = options.liveHeap() ? JvmHeap.liveKib(pid) : OptionalLong.empty();
		LoadRun.progress("connect: server pid %d has VmRSS %,d KiB; opening %,d connections in steps %s", pid, before,
				options.connections(), targets);
		Connector connector = run.connector();
		List<ClientConnection> connections = new ArrayList<>();
		List<Map<String, Object>> curve = new ArrayList<>();
		int open = 0;
		double connectSeconds = 0;
		long after = before;
		OptionalLong heapAfter = heapBefore;
		for (int target : targets) {
			Connector.Batch batch = connector.open(target - connections.size(), (i) -> new ConnectionListener() {
			});
			connections.addAll(batch.connections());
			open += batch.open();
			connectSeconds += batch.seconds();
			LoadRun.sleep(options.settle());
			after = ProcFs.residentKib(pid);
			heapAfter = heapBefore.isPresent() ? JvmHeap.liveKib(pid) : OptionalLong.empty();
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("connections", open);
			point.put("rss_kib", after);
			point.put("kib_per_connection", perConnection(before, after, open));
			point.put("live_heap_kib", heapAfter.isPresent() ? heapAfter.getAsLong() : null);
			point.put("live_heap_kib_per_connection", perConnection(heapBefore, heapAfter, open));
			curve.add(point);
			LoadRun.progress("  %,d open: VmRSS %,d KiB (%.2f KiB per connection), live heap %s KiB", open, after,
					perConnection(before, after, open), heapAfter.isPresent() ? heapAfter.getAsLong() : "?");
		}
		if (!options.hold().isZero()) {
			run.sleepWithProgress(options.hold(), "holding", () -> connections.stream().filter((c) -> !c.isClosed()).count());
		}
		long stillOpen = connections.stream().filter((c) -> c.state() == ClientConnection.State.OPEN).count();
		run.closeAll(connections);
		run.stopThreads();

		double perConnection = perConnection(before, after, open);
		return new Results().score(perConnection, "KiB/connection", false)
			.put("connections_open", open)
			.put("connections_still_open_at_end", stillOpen)
			.put("connect_seconds", connectSeconds)
			.put("connections_per_sec", open / connectSeconds)
			.put("rss_before_kib", before)
			.put("rss_after_kib", after)
			.put("kib_per_connection", perConnection)
			.put("live_heap_before_kib", heapBefore.isPresent() ? heapBefore.getAsLong() : null)
			.put("live_heap_after_kib", heapAfter.isPresent() ? heapAfter.getAsLong() : null)
			.put("live_heap_kib_per_connection", perConnection(heapBefore, heapAfter, open))
			.put("curve", curve);
	}

	private static double perConnection(long before, long after, int connections) {
		return (connections > 0) ? (after - before) / (double) connections : Double.NaN;
	}

	private static Double perConnection(OptionalLong before, OptionalLong after, int connections) {
		return (before.isPresent() && after.isPresent())
				? perConnection(before.getAsLong(), after.getAsLong(), connections) : null;
	}
}
