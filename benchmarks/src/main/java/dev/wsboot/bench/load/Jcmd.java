package dev.wsboot.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a diagnostic command ({@code jcmd PID COMMAND}) in another JVM and returns its output.
 * The jcmd beside the server's own java is used, so that its version matches the server's.
 */
final class Jcmd {

	private static final long TIMEOUT_SECONDS = 60;

	private final long pid;

	private final String executable;

	Jcmd(long pid) {
		this.pid = pid;
		this.executable = executableFor(pid);
	}

	/** The command's output; fails if jcmd cannot run, times out or reports an error. */
	String run(String... command) {
		List<String> line = new ArrayList<>(List.of(this.executable, Long.toString(this.pid)));
		line.addAll(List.of(command));
		try {
			Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
			String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!jcmd.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				jcmd.destroy();
				throw new IllegalStateException(String.join(" ", command) + " timed out in pid " + this.pid);
			}
			// jcmd exits 0 for a command the target JVM does not know, so its words are checked too.
			if (jcmd.exitValue() != 0 || output.contains("Unknown diagnostic command")
					|| output.contains("java.lang.IllegalArgumentException")) {
				throw new IllegalStateException(String.join(" ", command) + " failed in pid " + this.pid + ": " + output.strip());
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run jcmd for pid " + this.pid + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while jcmd ran", ex);
		}
	}

	private static String executableFor(long pid) {
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
