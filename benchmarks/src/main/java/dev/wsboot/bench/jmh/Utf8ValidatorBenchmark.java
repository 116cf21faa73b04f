package dev.wsboot.bench.jmh;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.Utf8Validator;
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
 * {@link Utf8Validator} over whole text payloads, pure ASCII (its fast path) and mixed 1- to
 * 4-byte characters, against the JDK's strict decoder as a baseline (which also produces the
 * characters, work the validator does not do).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Utf8ValidatorBenchmark {

	@Param({ "16", "1024", "65536", "1048576" })
	int size;

	@Param({ "ascii", "mixed" })
	String content;

	private byte[] text;

	private final Utf8Validator validator = new Utf8Validator();

	private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
		.onMalformedInput(CodingErrorAction.REPORT)
		.onUnmappableCharacter(CodingErrorAction.REPORT);

	private CharBuffer chars;

	@Setup
	public void setUp() {
		this.text = Payloads.utf8(this.size, this.content.equals("ascii"));
		this.chars = CharBuffer.allocate(this.size);
	}

	@Benchmark
	public boolean validate() {
		this.validator.reset();
		return this.validator.validate(this.text, 0, this.text.length) && this.validator.isComplete();
	}

	/** The same payload arriving in 1460-byte pieces (one TCP segment each), as a streaming reader sees it. */
	@Benchmark
	public boolean validateInSegments() {
		this.validator.reset();
		for (int offset = 0; offset < this.text.length; offset += 1460) {
			if (!this.validator.validate(this.text, offset, Math.min(1460, this.text.length - offset))) {
				return false;
			}
		}
		return this.validator.isComplete();
	}

	@Benchmark
	public boolean jdkDecoderBaseline() {
		this.decoder.reset();
		this.chars.clear();
		CoderResult result = this.decoder.decode(ByteBuffer.wrap(this.text), this.chars, true);
		return !result.isError();
	}
}
