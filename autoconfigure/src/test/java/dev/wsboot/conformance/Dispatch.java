package dev.wsboot.conformance;

import java.util.Locale;

/**
 * The two ways the server runs handler calls. Ordering bugs differ between them, so every
 * behavioural test runs in both; each has its own echo route on {@link ConformanceServer}.
 */
enum Dispatch {

	/** On the worker executor, for handlers that may block ({@code nonBlocking = false}). */
	WORKER("/echo"),

	/** Inline on the I/O thread that read the message ({@code nonBlocking = true}). */
	INLINE("/echo-inline");

	private final String path;

	Dispatch(String path) {
		this.path = path;
	}

	/** The path of the echo route served this way. */
	String path() {
		return this.path;
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT) + " (" + this.path + ")";
	}

}
