package dev.wsboot.testsupport;

import java.util.Locale;

/**
 * The two ways the server runs handler calls. Ordering bugs differ between them, so a test
 * of behaviour runs in both; {@link TestWsServer} has an echo route for each.
 */
public enum Dispatch {

	/** On the worker executor, for handlers that may block ({@code nonBlocking = false}). */
	WORKER("/echo"),

	/** Inline on the I/O thread that read the message ({@code nonBlocking = true}). */
	INLINE("/echo-inline");

	private final String path;

	Dispatch(String path) {
		this.path = path;
	}

	/** The path of the echo route served this way. */
	public String path() {
		return this.path;
	}

	/** Whether a route served this way is declared non-blocking. */
	boolean nonBlocking() {
		return this == INLINE;
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT) + " (" + this.path + ")";
	}

}
