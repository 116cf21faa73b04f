package dev.wsboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.topic.SlowSubscriberPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.PatternMatchUtils;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the {@link dev.wsboot.topic.WsTopics topics} under {@code ws.topics}:
 * how every topic treats subscribers that do not keep up, and overrides for topics whose
 * names match a pattern. A key with dots goes in brackets, or the binder would read the
 * dots as nesting.
 *
 * <pre class="code">
 * ws:
 *   topics:
 *     slow-subscriber: close
 *     max-buffered: 1MB
 *     policies:
 *       "[prices.*]":
 *         slow-subscriber: drop
 *         max-buffered: 64KB
 * </pre>
 */
@ConfigurationProperties("ws.topics")
public class WsTopicsProperties {

	/**
	 * What to do with a subscriber that has more than max-buffered bytes waiting when a
	 * message is published: close its session with 1008 (policy violation), or drop the
	 * message for it and count the drop.
	 */
	private SlowSubscriberPolicy.Action slowSubscriber = SlowSubscriberPolicy.Action.CLOSE;

	/**
	 * Bytes that may wait to be written to a subscriber before it counts as slow. Keep it
	 * below ws.max-outbound-buffer, past which the server closes the session with 1008
	 * whatever the policy.
	 */
	private DataSize maxBuffered = DataSize.ofMegabytes(1);

	/**
	 * Policies of the topics whose names match a pattern, where '*' stands for any
	 * characters, each with its own slow-subscriber and max-buffered, those unset taken from
	 * ws.topics; the first pattern that matches, in the order given, wins. Write a pattern
	 * with dots in brackets, such as "[prices.*]".
	 */
	private Map<String, Policy> policies = new LinkedHashMap<>();

	public SlowSubscriberPolicy.Action getSlowSubscriber() {
		return this.slowSubscriber;
	}

	public void setSlowSubscriber(SlowSubscriberPolicy.Action slowSubscriber) {
		this.slowSubscriber = slowSubscriber;
	}

	public DataSize getMaxBuffered() {
		return this.maxBuffered;
	}

	public void setMaxBuffered(DataSize maxBuffered) {
		requirePositive(maxBuffered);
		this.maxBuffered = maxBuffered;
	}

	public Map<String, Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, Policy> policies) {
		this.policies = new LinkedHashMap<>(policies);
	}

	/**
	 * The policy of a topic: that of the first pattern its name matches, in the order the
	 * patterns were given, else the default one.
	 */
	public SlowSubscriberPolicy policyFor(String topic) {
		for (Map.Entry<String, Policy> entry : this.policies.entrySet()) {
			if (PatternMatchUtils.simpleMatch(entry.getKey(), topic)) {
				Policy policy = entry.getValue();
				return new SlowSubscriberPolicy(
						(policy.slowSubscriber != null) ? policy.slowSubscriber : this.slowSubscriber,
						((policy.maxBuffered != null) ? policy.maxBuffered : this.maxBuffered).toBytes());
			}
		}
		return new SlowSubscriberPolicy(this.slowSubscriber, this.maxBuffered.toBytes());
	}

	private static void requirePositive(DataSize size) {
		if (size.toBytes() <= 0) {
			throw new IllegalArgumentException("must be positive, was " + size);
		}
	}

	/** The policy of the topics whose names match one pattern. */
	public static class Policy {

		/**
		 * What to do with a slow subscriber of these topics. Default: ws.topics.slow-subscriber.
		 */
		private SlowSubscriberPolicy.@Nullable Action slowSubscriber;

		/**
		 * Bytes that may wait for a subscriber of these topics. Default: ws.topics.max-buffered.
		 */
		private @Nullable DataSize maxBuffered;

		public SlowSubscriberPolicy.@Nullable Action getSlowSubscriber() {
			return this.slowSubscriber;
		}

		public void setSlowSubscriber(SlowSubscriberPolicy.@Nullable Action slowSubscriber) {
			this.slowSubscriber = slowSubscriber;
		}

		public @Nullable DataSize getMaxBuffered() {
			return this.maxBuffered;
		}

		public void setMaxBuffered(@Nullable DataSize maxBuffered) {
			if (maxBuffered != null) {
				requirePositive(maxBuffered);
			}
			this.maxBuffered = maxBuffered;
		}

	}

}
