package dev.wsboot.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Error counts by category, shared by all connections of a run; the first few are also printed. */
final class Errors {

	static final String CONNECT_FAILED = "connect_failed";
	static final String HANDSHAKE_REJECTED = "handshake_rejected";
	static final String HANDSHAKE_INVALID = "handshake_invalid";
	static final String HANDSHAKE_TIMEOUT = "handshake_timeout";
	static final String PROTOCOL_ERROR = "protocol_error";
	static final String PAYLOAD_MISMATCH = "payload_mismatch";
	static final String SERVER_CLOSE = "server_close";
	static final String UNEXPECTED_EOF = "unexpected_eof";
	static final String CLOSE_TIMEOUT = "close_timeout";
	static final String IO_ERROR = "io_error";
	static final String INTERNAL_ERROR = "internal_error";
	static final String INCOMPLETE = "incomplete";

	private static final int PRINTED = 20;

	private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final AtomicInteger printed = new AtomicInteger();

	void record(String category, String detail) {
		this.counts.computeIfAbsent(category, (c) -> new LongAdder()).increment();
		if (this.printed.getAndIncrement() < PRINTED) {
			String loud = PAYLOAD_MISMATCH.equals(category) ? "PAYLOAD MISMATCH: " : "error: ";
			System.err.println(loud + category + ": " + detail);
		}
	}

	long count(String category) {
		LongAdder adder = this.counts.get(category);
		return (adder != null) ? adder.sum() : 0;
	}

	long total() {
		return this.counts.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/** Counts by category, sorted, plus {@code total}. */
	Map<String, Object> toJson() {
		Map<String, Object> json = new TreeMap<>();
		this.counts.forEach((category, adder) -> json.put(category, adder.sum()));
		json.put("total", total());
		return json;
	}
}
