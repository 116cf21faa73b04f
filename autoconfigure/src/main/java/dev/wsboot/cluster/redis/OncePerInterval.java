package dev.wsboot.cluster.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets one caller through per interval, such as to log a failure that repeats many times a second. */
final class OncePerInterval {

	private final long intervalNanos;

	/** When the next caller may pass, in {@link System#nanoTime} terms; 0 before the first. */
	private final AtomicLong next = new AtomicLong();

	private volatile boolean passedOnce;

	OncePerInterval(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/** Whether this caller is the first since the interval began. */
	boolean tryPass() {
		long now = System.nanoTime();
		long due = this.next.get();
		if (this.passedOnce && now - due < 0) {
			return false;
		}
		if (this.next.compareAndSet(due, now + this.intervalNanos)) {
			this.passedOnce = true;
			return true;
		}
		return false;
	}

}
