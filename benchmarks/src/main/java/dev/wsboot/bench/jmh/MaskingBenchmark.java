package dev.wsboot.bench.jmh;

import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.Masking;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Masking#unmask} against the obvious byte-at-a-time loop. Both XOR the payload in place,
 * so the data flips between masked and clear; the work per call is the same either way.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MaskingBenchmark {

	@Param({ "16", "1024", "65536", "1048576" })
	int size;

	private byte[] data;

	@Setup
	public void setUp() {
		this.data = Payloads.random(this.size);
	}

	@Benchmark
	public byte[] unmask() {
		Masking.unmask(this.data, 0, this.size, Payloads.MASKING_KEY, 0);
		return this.data;
	}

	/** A read that ends mid-payload leaves the next one starting at an odd payload index and offset. */
	@Benchmark
	public byte[] unmaskFromOddIndex() {
		Masking.unmask(this.data, 1, this.size - 1, Payloads.MASKING_KEY, 1);
		return this.data;
	}

	/** Baseline: RFC 6455 §5.3 written down literally, one byte and one key lookup at a time. */
	@Benchmark
	public byte[] unmaskByteAtATime() {
		byte[] bytes = this.data;
		int key = Payloads.MASKING_KEY;
		for (int i = 0; i < this.size; i++) {
			bytes[i] ^= (byte) (key >>> (24 - 8 * (i & 3)));
		}
		return bytes;
	}
}
