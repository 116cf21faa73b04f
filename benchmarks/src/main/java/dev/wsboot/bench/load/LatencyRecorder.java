package dev.wsboot.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** Latencies in nanoseconds, one HdrHistogram per I/O thread so recording needs no lock; read after the threads stop. */
final class LatencyRecorder {

	private final Histogram[] histograms;

	LatencyRecorder(int threads) {
		this.histograms = new Histogram[threads];
		for (int i = 0; i < threads; i++) {
			this.histograms[i] = new Histogram(3);
		}
	}

	void record(IoThread thread, long nanos) {
		this.histograms[thread.index()].recordValue(Math.max(0, nanos));
	}

	/** count, mean and percentiles in microseconds. */
	Map<String, Object> toJson() {
		Histogram all = new Histogram(3);
		for (Histogram histogram : this.histograms) {
			all.add(histogram);
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("count", all.getTotalCount());
		json.put("mean_us", all.getMean() / 1000);
		json.put("p50_us", micros(all, 50));
		json.put("p90_us", micros(all, 90));
		json.put("p99_us", micros(all, 99));
		json.put("p999_us", micros(all, 99.9));
		json.put("max_us", all.getMaxValue() / 1000.0);
		return json;
	}

	private static double micros(Histogram histogram, double percentile) {
		return histogram.getValueAtPercentile(percentile) / 1000.0;
	}
}
