package dev.wsboot.topic;

import java.util.Objects;

/**
 * What a topic does with a subscriber that does not keep up: one with more than
 * {@code maxBuffered} bytes still waiting to be written to its connection when a message is
 * published.
 *
 * <p>A subscriber with nothing waiting gets any message, however large. The server's own
 * limit ({@code ws.max-outbound-buffer}) applies too: a subscriber past it is closed with
 * 1008 whatever the policy, so {@code maxBuffered} belongs below it.
 *
 * @param action close the subscriber's session, or drop the message for it and count the drop
 * @param maxBuffered the bytes that may wait for a subscriber before it counts as slow
 */
public record SlowSubscriberPolicy(Action action, long maxBuffered) {

	/** Closes slow subscribers once 1 MiB waits for them. */
	public static final SlowSubscriberPolicy DEFAULT = new SlowSubscriberPolicy(Action.CLOSE, 1024 * 1024);

	/** @throws IllegalArgumentException when {@code maxBuffered} is not positive */
	public SlowSubscriberPolicy {
		Objects.requireNonNull(action, "action");
		if (maxBuffered <= 0) {
			throw new IllegalArgumentException("maxBuffered must be positive, was " + maxBuffered);
		}
	}

	/** What happens to a slow subscriber. */
	public enum Action {

		/**
		 * Close its session with 1008 (policy violation): a client that reconnects can catch
		 * up from a fresh state, and no subscriber silently misses a message. For chats and
		 * other streams where every message counts.
		 */
		CLOSE,

		/**
		 * Skip the message for it and count the drop, keeping the session: for streams where
		 * the next message supersedes the last, such as prices or positions.
		 */
		DROP

	}

}
