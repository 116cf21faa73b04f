package dev.wsboot.bench.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters named {@code group.name}, rendered as one JSON object of objects.
 */
final class Tally {

	private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

	void add(String group, String name, long amount) {
		this.counters.computeIfAbsent(group + "." + name, (key) -> new LongAdder()).add(amount);
	}

	void increment(String group, String name) {
		add(group, name, 1);
	}

	long get(String group, String name) {
		LongAdder counter = this.counters.get(group + "." + name);
		return (counter != null) ? counter.sum() : 0;
	}

	/** The counters of one group as JSON, e.g. {@code {"sent":10,"verified":10}}. */
	String json(String group) {
		Map<String, Long> values = new TreeMap<>();
		this.counters.forEach((key, counter) -> {
			if (key.startsWith(group + ".")) {
				values.put(key.substring(group.length() + 1), counter.sum());
			}
		});
		StringBuilder json = new StringBuilder("{");
		values.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
			.append('"')
			.append(name)
			.append("\":")
			.append(value));
		return json.append('}').toString();
	}

}
