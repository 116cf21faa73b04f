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
 * names match a pattern.
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
	 * message is published: close its session with 1008, or drop the message for it.
	 */
	private SlowSubscriberPolicy.Action slowSubscriber = SlowSubscriberPolicy.Action.CLOSE;

	/**
	 * Bytes that may wait to be written to a subscriber before it counts as slow.
	 */
	private DataSize maxBuffered = DataSize.ofMegabytes(1);

	/**
	 * Policies of the topics whose names match a pattern, where '*' stands for any
	 * characters; the first pattern that matches, in the order given, wins. Unset values
	 * come from slow-subscriber and max-buffered.
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

	/** The policy of a topic: that of the first pattern its name matches, else the default. */
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
