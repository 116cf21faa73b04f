package dev.wsboot.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's memory with {@code connections} open, in bytes: live heap after a full GC, native
 * memory (see {@link ServerMemory}), the resident set as an operator sees it, and the native
 * memory tracker's committed bytes by category (empty without tracking).
 */
record MemoryReading(int connections, long liveHeapBytes, long nativeBytes, long rssBytes, Map<String, Long> nmtBytes) {

	/** What one connection cost on average, from {@code earlier} to this reading. */
	PerConnection since(MemoryReading earlier) {
		int added = this.connections - earlier.connections;
		if (added <= 0) {
			return new PerConnection(added, Double.NaN, Double.NaN, Double.NaN, Map.of());
		}
		Map<String, Double> nmt = new LinkedHashMap<>();
		this.nmtBytes.forEach((category, bytes) -> {
			long growth = bytes - earlier.nmtBytes.getOrDefault(category, 0L);
			// Categories that moved by less than a page in all are noise, not a cost per connection.
			if (Math.abs(growth) >= 4096) {
				nmt.put(category, growth / (double) added);
			}
		});
		return new PerConnection(added, (this.liveHeapBytes - earlier.liveHeapBytes) / (double) added,
				(this.nativeBytes - earlier.nativeBytes) / (double) added, (this.rssBytes - earlier.rssBytes) / (double) added,
				nmt);
	}

	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("connections", this.connections);
		json.put("live_heap_bytes", this.liveHeapBytes);
		json.put("native_bytes", this.nativeBytes);
		json.put("rss_bytes", this.rssBytes);
		return json;
	}

	/** Bytes per connection over {@code connections} added connections; {@code sum} is live heap plus native. */
	record PerConnection(int connections, double liveHeap, double nativeMemory, double rss, Map<String, Double> nmt) {

		double sum() {
			return this.liveHeap + this.nativeMemory;
		}

		Map<String, Object> toJson() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("connections", this.connections);
			json.put("live_heap", this.liveHeap);
			json.put("native", this.nativeMemory);
			json.put("sum", sum());
			json.put("rss", this.rss);
			if (!this.nmt.isEmpty()) {
				json.put("nmt", this.nmt);
			}
			return json;
		}
	}
}
