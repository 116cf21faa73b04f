package dev.wsboot.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads another process's resident memory and CPU time from Linux's {@code /proc}. */
final class ProcFs {

	private static final long CLOCK_TICKS_PER_SECOND = clockTicks();

	private ProcFs() {
	}

	/** {@code VmRSS} of the process, in KiB. */
	static long residentKib(long pid) {
		return statusKib(pid, "VmRSS");
	}

	/**
	 * A memory field of {@code /proc/PID/status}, in KiB: {@code VmRSS} (all resident pages) or
	 * {@code RssAnon} (resident pages not backed by a file: heap, stacks, malloc, direct buffers;
	 * without the jar, libraries and class archive the JVM maps, which are shared and reclaimable).
	 */
	static long statusKib(long pid, String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
			throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + ex.getMessage(), ex);
		}
	}

	/** User plus system CPU time of the process (utime + stime of {@code /proc/PID/stat}), in nanoseconds. */
	static long cpuNanos(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			// The command name (field 2) may contain spaces; fields are counted after its closing parenthesis.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read /proc/" + pid + "/stat: " + ex.getMessage(), ex);
		}
	}

	private static long clockTicks() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String out = new String(getconf.getInputStream().readAllBytes()).trim();
			return (getconf.waitFor() == 0) ? Long.parseLong(out) : 100;
		}
		catch (IOException | NumberFormatException ex) {
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}
}
