package dev.wsboot.test.client;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the kit's waits wait on a latch: an interrupt ends the wait as a timeout would, and
 * stays set for the test's thread to see.
 */
final class Latches {

	private Latches() {
	}

	/** Waits up to {@code timeout}; false when the latch did not reach zero, or the wait was interrupted. */
	static boolean await(CountDownLatch latch, Duration timeout) {
		try {
			return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
