package dev.wsboot.bench.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a server JVM's memory the way our developer guide counts a connection's cost: live heap
 * after a forced full GC plus native growth, never the resident set alone (heap pages that once
 * held garbage stay resident and make it lie).
 *
 * <p>Native memory is the anonymous resident set ({@code RssAnon}) minus the heap. That is sound
 * only when the whole heap is resident from the start, so the server must run with {@code -Xms}
 * equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}; then every page the set grows by is off
 * the heap: direct buffers, metaspace, compiled code, thread stacks, and whatever native
 * libraries allocate with malloc, which the JVM's native memory tracker cannot see. Before the
 * set is read the C heap is trimmed ({@code System.trim_native_heap}): glibc keeps memory that
 * was freed, such as the JIT compiler's scratch arenas and jcmd's own histogram, and without the
 * trim 18 MB (wsboot) and 34 MB (Netty) of it showed up as 1.8 and 3.4 KiB per connection of 10,000.
 */
final class ServerMemory {

	private static final Duration COMPILER_WAIT = Duration.ofSeconds(60);

	private final long pid;

	private final Jcmd jcmd;

	private final long heapBytes;

	private boolean trims = true;

	private ServerMemory(long pid, Jcmd jcmd, long heapBytes) {
		this.pid = pid;
		this.jcmd = jcmd;
		this.heapBytes = heapBytes;
	}

	/** Checks that the server's heap is pre-touched, without which its native growth cannot be told apart. */
	static ServerMemory of(long pid) {
		Jcmd jcmd = new Jcmd(pid);
		long heap = JvmHeap.pretouchedBytes(jcmd);
		if (heap < 0) {
			throw new IllegalStateException("the server (pid " + pid + ") must run with -Xms equal to -Xmx and "
					+ "-XX:+AlwaysPreTouch, so that its resident set grows only by native memory (run-bench.sh adds them)");
		}
		return new ServerMemory(pid, jcmd, heap);
	}

	/**
	 * A reading with {@code connections} open, once the server's JIT has been idle for a while (see
	 * {@link CompilerQueue}); forces a full GC in the server and trims its C heap.
	 */
	MemoryReading read(int connections) {
		CompilerQueue.awaitQuiet(this.jcmd, COMPILER_WAIT);
		// The operator's view first, as earlier versions of this scenario reported it: before the GC and the trim.
		long rss = ProcFs.residentKib(this.pid) * 1024;
		long live = JvmHeap.liveBytes(this.jcmd);
		trim();
		long anonymous = ProcFs.statusKib(this.pid, "RssAnon") * 1024;
		return new MemoryReading(connections, live, anonymous - this.heapBytes, rss, NmtSummary.committedBytes(this.jcmd));
	}

	/** How the figures were taken, for the JSON line. */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("heap_bytes", this.heapBytes);
		json.put("heap_pretouched", true);
		json.put("native_heap_trimmed", this.trims);
		return json;
	}

	private void trim() {
		if (!this.trims) {
			return;
		}
		try {
			this.jcmd.run("System.trim_native_heap");
		}
		catch (IllegalStateException ex) {
			// A JDK without the command: the figures then include what glibc kept, and say so.
			this.trims = false;
			LoadRun.progress("warning: cannot trim the server's C heap, native figures include freed memory glibc kept: %s",
					ex.getMessage());
		}
	}
}
