package dev.wsboot.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Live heap of another JVM, from {@code jcmd PID GC.class_histogram}, which runs a full GC first
 * and ends with a {@code Total} line of instances and bytes. Unlike the resident set it ignores
 * heap pages that are touched but garbage, so it shows what connections keep alive on the heap
 * (and misses what they keep off it, such as direct buffers: the resident set covers those).
 */
final class JvmHeap {

	private static final long TIMEOUT_SECONDS = 60;

	private JvmHeap() {
	}

	/** Live bytes in KiB, or empty (with a note on stderr) if jcmd is missing or fails. */
	static OptionalLong liveKib(long pid) {
		try {
			Process jcmd = new ProcessBuilder(jcmdFor(pid), Long.toString(pid), "GC.class_histogram")
				.redirectErrorStream(true)
				.start();
			String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!jcmd.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
				jcmd.destroy();
				LoadRun.progress("jcmd GC.class_histogram failed for pid %d: %s", pid, output.strip());
				return OptionalLong.empty();
			}
			for (String line : output.split("\n")) {
				String[] words = line.trim().split("\\s+");
				if (words.length == 3 && words[0].equals("Total")) {
					return OptionalLong.of(Long.parseLong(words[2]) / 1024);
				}
			}
			LoadRun.progress("no Total line in jcmd GC.class_histogram output for pid %d", pid);
		}
		catch (IOException | NumberFormatException ex) {
			LoadRun.progress("cannot run jcmd for pid %d: %s", pid, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return OptionalLong.empty();
	}

	/** The jcmd beside the server's own java, so the versions match; else whatever is on the PATH. */
	private static String jcmdFor(long pid) {
		try {
			Path java = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe"));
			Path jcmd = java.resolveSibling("jcmd");
			if (Files.isExecutable(jcmd)) {
				return jcmd.toString();
			}
		}
		catch (IOException | UnsupportedOperationException ex) {
			// Fall through to the PATH.
		}
		return "jcmd";
	}
}
