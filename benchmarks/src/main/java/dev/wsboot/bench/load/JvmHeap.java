package dev.wsboot.bench.load;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The heap of another JVM, seen through {@link Jcmd}: its live bytes and whether all of it is resident. */
final class JvmHeap {

	private static final Pattern INITIAL = Pattern.compile("-XX:InitialHeapSize=(\\d+)");

	private static final Pattern MAX = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

	private JvmHeap() {
	}

	/**
	 * Live bytes, from {@code GC.class_histogram}: it runs a full GC first and ends with a
	 * {@code Total} line of instances and bytes, so heap pages that are touched but hold garbage
	 * do not count, unlike in the resident set.
	 */
	static long liveBytes(Jcmd jcmd) {
		String output = jcmd.run("GC.class_histogram");
		for (String line : output.split("\n")) {
			String[] words = line.trim().split("\\s+");
			if (words.length == 3 && words[0].equals("Total")) {
				return Long.parseLong(words[2]);
			}
		}
		throw new IllegalStateException("no Total line in the output of GC.class_histogram: " + output.strip());
	}

	/**
	 * The heap's size if it is all committed and touched from the start ({@code -Xms} equal to
	 * {@code -Xmx} and {@code -XX:+AlwaysPreTouch}), else -1. Only then is the heap a constant
	 * part of the resident set, so that what the set grows by is native memory.
	 */
	static long pretouchedBytes(Jcmd jcmd) {
		String flags = jcmd.run("VM.flags");
		Matcher initial = INITIAL.matcher(flags);
		Matcher max = MAX.matcher(flags);
		if (!flags.contains("-XX:+AlwaysPreTouch") || !initial.find() || !max.find()
				|| !initial.group(1).equals(max.group(1))) {
			return -1;
		}
		return Long.parseLong(max.group(1));
	}
}
