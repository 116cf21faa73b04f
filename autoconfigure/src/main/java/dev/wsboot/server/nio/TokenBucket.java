package dev.wsboot.server.nio;

/**
 * A rate with a burst: up to {@code capacity} events at once, refilled at {@code perSecond}
 * events per second. Not thread-safe; times are {@link System#nanoTime()} values.
 */
final class TokenBucket {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double perNano;

	private final double capacity;

	private double tokens;

	private long refilledAt;

	TokenBucket(int perSecond, int capacity, long now) {
		this.perNano = perSecond / NANOS_PER_SECOND;
		this.capacity = Math.max(1, capacity);
		this.tokens = this.capacity;
		this.refilledAt = now;
	}

	/** Takes one event's token; false, taking nothing, when the rate is used up. */
	boolean take(long now) {
		long elapsed = now - this.refilledAt;
		if (elapsed > 0) {
			this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perNano);
			this.refilledAt = now;
		}
		if (this.tokens < 1) {
			return false;
		}
		this.tokens -= 1;
		return true;
	}

}
