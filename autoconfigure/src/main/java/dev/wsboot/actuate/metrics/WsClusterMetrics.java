package dev.wsboot.actuate.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import dev.wsboot.cluster.WsClusterStatistics;
import dev.wsboot.cluster.redis.RedisClusterBroker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Records this node's link to the cluster in Micrometer:
 * <ul>
 * <li>{@code ws.cluster.published} (counter): messages handed to the broker;</li>
 * <li>{@code ws.cluster.failures} (counter): messages that could not be, such as while it
 * was down;</li>
 * <li>{@code ws.cluster.received} (counter): messages received from the broker;</li>
 * <li>{@code ws.cluster.gaps} (counter): gaps found in the sequences received, each one or
 * more lost messages, and {@code ws.cluster.missed} (counter) the messages lost;</li>
 * <li>{@code ws.cluster.reconnects} (counter): reconnections to the broker;</li>
 * <li>{@code ws.cluster.subscriptions} (gauge): topic channels subscribed;</li>
 * <li>{@code ws.cluster.connected} (gauge): 1 while the broker can be reached, else 0;</li>
 * <li>{@code ws.cluster.lag} (timer): from publish on one node to receipt on this one, by
 * the two nodes' clocks.</li>
 * </ul>
 */
public class WsClusterMetrics implements MeterBinder {

	private final WsClusterStatistics statistics;

	private final RedisClusterBroker lagSource;

	/** Meters of {@code broker}'s totals, and of the lag of what it receives. */
	public WsClusterMetrics(RedisClusterBroker broker) {
		this.statistics = broker;
		this.lagSource = broker;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		counter(registry, "ws.cluster.published", "Messages handed to the cluster broker",
				WsClusterStatistics::published);
		counter(registry, "ws.cluster.failures", "Messages that could not be handed to the cluster broker",
				WsClusterStatistics::failures);
		counter(registry, "ws.cluster.received", "Messages received from the cluster broker",
				WsClusterStatistics::received);
		counter(registry, "ws.cluster.gaps", "Gaps found in the sequences of cluster messages",
				WsClusterStatistics::gaps);
		counter(registry, "ws.cluster.missed", "Cluster messages lost in gaps", WsClusterStatistics::missed);
		counter(registry, "ws.cluster.reconnects", "Reconnections to the cluster broker",
				WsClusterStatistics::reconnects);
		Gauge.builder("ws.cluster.subscriptions", this.statistics, WsClusterStatistics::subscriptions)
			.description("Topic channels of the cluster broker this node is subscribed to")
			.register(registry);
		Gauge.builder("ws.cluster.connected", this.statistics, (cluster) -> cluster.isConnected() ? 1 : 0)
			.description("Whether this node can reach the cluster broker")
			.register(registry);
		Timer lag = Timer.builder("ws.cluster.lag")
			.description("Time from publish on a node to receipt from the cluster broker on this one")
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(registry);
		this.lagSource.setLagRecorder((millis) -> lag.record(Math.max(millis, 0), TimeUnit.MILLISECONDS));
	}

	private void counter(MeterRegistry registry, String name, String description,
			ToDoubleFunction<WsClusterStatistics> value) {
		FunctionCounter.builder(name, this.statistics, value).description(description).register(registry);
	}

}
