package dev.wsboot.bench.load;

import java.time.Duration;

/**
 * Waits until another JVM's JIT compilers have been idle for a while ({@code jcmd PID
 * Compiler.queue}). A C2 compilation holds megabytes of scratch arenas (21 MB seen in Netty's
 * server) and HotSpot hands them back to the C heap only when its chunk pool is next cleaned,
 * every 5 seconds; a memory reading taken in that window charged 2 to 4 KiB of compiler scratch
 * to each of 2,000 connections.
 */
final class CompilerQueue {

	private static final Duration POLL = Duration.ofMillis(250);

	/** HotSpot's chunk pool cleaning interval (ChunkPoolCleaner), plus a margin. */
	private static final Duration QUIET = Duration.ofMillis(5500);

	private CompilerQueue() {
	}

	/**
	 * Returns once nothing has been compiling or queued for {@link #QUIET}, polling every
	 * {@link #POLL} (a compilation shorter than that can go unseen), or after {@code limit}.
	 */
	static void awaitQuiet(Jcmd jcmd, Duration limit) {
		long start = System.nanoTime();
		long quietSince = start;
		while (System.nanoTime() - quietSince < QUIET.toNanos()) {
			if (System.nanoTime() - start > limit.toNanos()) {
				LoadRun.progress("warning: the server's JIT kept compiling for %d s; reading its memory anyway", limit.toSeconds());
				return;
			}
			if (!idle(jcmd.run("Compiler.queue"))) {
				quietSince = System.nanoTime();
			}
			LoadRun.sleep(POLL);
		}
	}

	/**
	 * Whether the output lists no compilation: past the pid line it holds only headings
	 * ("Current compiles:", "C2 compile queue:"), "Empty" and blank lines.
	 */
	static boolean idle(String output) {
		String[] lines = output.split("\n");
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i].trim();
			if (!line.isEmpty() && !line.equals("Empty") && !line.endsWith(":")) {
				return false;
			}
		}
		return true;
	}
}
