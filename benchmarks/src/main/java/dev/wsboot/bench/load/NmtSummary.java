package dev.wsboot.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Committed bytes per category from {@code jcmd PID VM.native_memory summary scale=KB}, when the
 * JVM runs with {@code -XX:NativeMemoryTracking=summary}. Used to say where native growth went
 * (direct buffers are "Other", loaded classes "Metaspace" and "Class", compiled code "Code"); it
 * does not see memory that native libraries take with malloc themselves, which is why it is not
 * the measure of native growth, only its breakdown.
 */
final class NmtSummary {

	// "-                 Java Heap (reserved=524288KB, committed=524288KB)" and "Total: reserved=..KB, committed=..KB".
	private static final Pattern CATEGORY = Pattern.compile("^-\\s+(.+?)\\s+\\(reserved=\\d+KB, committed=(\\d+)KB");

	private static final Pattern TOTAL = Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");

	private NmtSummary() {
	}

	/** Committed bytes by category, "Total" included; empty if native memory tracking is off. */
	static Map<String, Long> committedBytes(Jcmd jcmd) {
		String output;
		try {
			output = jcmd.run("VM.native_memory", "summary", "scale=KB");
		}
		catch (IllegalStateException ex) {
			// The JVM says "Native memory tracking is not enabled" (exit status 0), or jcmd failed.
			return Map.of();
		}
		Map<String, Long> committed = new LinkedHashMap<>();
		for (String line : output.split("\n")) {
			Matcher total = TOTAL.matcher(line.trim());
			Matcher category = CATEGORY.matcher(line.trim());
			if (total.find()) {
				committed.put("Total", Long.parseLong(total.group(1)) * 1024);
			}
			else if (category.find()) {
				committed.put(category.group(1), Long.parseLong(category.group(2)) * 1024);
			}
		}
		return committed;
	}
}
