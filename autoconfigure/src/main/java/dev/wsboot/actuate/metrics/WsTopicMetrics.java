package dev.wsboot.actuate.metrics;

import java.util.function.ToDoubleFunction;

import dev.wsboot.topic.TopicStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Records the topics of this node in Micrometer, never tagged by topic name, which clients
 * may choose without bound:
 * <ul>
 * <li>{@code ws.topics.active} and {@code ws.topics.subscriptions} (gauges): topics with a
 * subscriber, and subscriptions over all of them;</li>
 * <li>{@code ws.topics.publishes} (counter): messages published, or delivered from another
 * node;</li>
 * <li>{@code ws.topics.deliveries} (counter): messages queued for a subscriber;</li>
 * <li>{@code ws.topics.dropped} (counter): messages skipped for slow subscribers of topics
 * that drop;</li>
 * <li>{@code ws.topics.slow.closed} (counter): subscribers closed for not keeping up.</li>
 * </ul>
 */
public class WsTopicMetrics implements MeterBinder {

	private final TopicStatistics statistics;

	/** Meters reading the totals of {@code statistics} when the registry asks. */
	public WsTopicMetrics(TopicStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("ws.topics.active", this.statistics, TopicStatistics::topicCount)
			.description("WebSocket topics with at least one subscriber")
			.register(registry);
		Gauge.builder("ws.topics.subscriptions", this.statistics, TopicStatistics::subscriptionCount)
			.description("WebSocket topic subscriptions")
			.register(registry);
		counter(registry, "ws.topics.publishes", "Messages published to WebSocket topics",
				TopicStatistics::publishes);
		counter(registry, "ws.topics.deliveries", "Topic messages queued for a subscriber",
				TopicStatistics::deliveries);
		counter(registry, "ws.topics.dropped", "Topic messages skipped for slow subscribers", TopicStatistics::dropped);
		counter(registry, "ws.topics.slow.closed", "Topic subscribers closed for not keeping up",
				TopicStatistics::slowClosed);
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<TopicStatistics> value) {
		FunctionCounter.builder(name, this.statistics, value).description(description).register(registry);
	}

}
