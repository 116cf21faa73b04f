package dev.wsboot.bench.jmh;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.Frame;
import dev.wsboot.protocol.FrameDecoder;
import dev.wsboot.protocol.FrameEncoder;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.Rfc6455FrameDecoder;
import dev.wsboot.protocol.Rfc6455FrameEncoder;
import dev.wsboot.protocol.WebSocketLimits;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The frame decoder on masked client frames (header parsing, payload copy and unmasking) and the
 * encoder on unmasked server frames. Decoding allocates the payload array, as it does in the server.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameCodecBenchmark {

	/** A typical read on a real network: one TCP segment (Ethernet MSS). */
	private static final int SEGMENT = 1460;

	@Param({ "16", "1024", "65536", "1048576" })
	int size;

	private byte[] payload;

	private ByteBuffer wire;

	private final FrameDecoder decoder = new Rfc6455FrameDecoder(new WebSocketLimits(2 << 20, 2 << 20));

	private final FrameEncoder encoder = new Rfc6455FrameEncoder();

	private final byte[] header = new byte[10];

	@Setup
	public void setUp() {
		this.payload = Payloads.random(this.size);
		this.wire = ByteBuffer.wrap(Payloads.maskedFrame(Opcode.BINARY.bits(), this.payload));
	}

	/** The whole frame is in the buffer: one exact allocation and one unmask pass. */
	@Benchmark
	public Frame decodeWholeFrame() {
		this.wire.clear();
		Frame frame = this.decoder.decode(this.wire);
		if (frame == null) {
			throw new IllegalStateException("frame not decoded");
		}
		return frame;
	}

	/** The frame arrives in segment-sized reads, so the decoder accumulates and unmasks piece by piece. */
	@Benchmark
	public Frame decodeInSegments() {
		ByteBuffer in = this.wire;
		int total = in.capacity();
		Frame frame = null;
		for (int start = 0; start < total; start += SEGMENT) {
			in.limit(Math.min(total, start + SEGMENT)).position(start);
			frame = this.decoder.decode(in);
		}
		if (frame == null) {
			throw new IllegalStateException("frame not decoded");
		}
		return frame;
	}

	/** A complete server frame as a new array: header plus payload copy. */
	@Benchmark
	public byte[] encodeFrame() {
		return this.encoder.encode(Opcode.BINARY, this.payload);
	}

	/** Only the header, into a reused array: what a gathering write of header and payload costs. */
	@Benchmark
	public void encodeHeaderOnly(Blackhole blackhole) {
		blackhole.consume(this.encoder.writeHeader(this.header, 0, true, Opcode.BINARY, this.size));
	}
}
