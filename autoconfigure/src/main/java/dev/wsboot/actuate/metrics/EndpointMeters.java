package dev.wsboot.actuate.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one endpoint path, resolved once so that recording a message costs a map
 * lookup and an increment, not a registry search.
 */
final class EndpointMeters {

	final DistributionSummary textReceived;

	final DistributionSummary binaryReceived;

	final DistributionSummary textSent;

	final DistributionSummary binarySent;

	final Timer handling;

	private final MeterRegistry registry;

	private final String path;

	private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

	EndpointMeters(MeterRegistry registry, String path) {
		this.registry = registry;
		this.path = path;
		this.textReceived = summary("ws.server.messages.received", "text", "WebSocket messages received");
		this.binaryReceived = summary("ws.server.messages.received", "binary", "WebSocket messages received");
		this.textSent = summary("ws.server.messages.sent", "text", "WebSocket messages sent");
		this.binarySent = summary("ws.server.messages.sent", "binary", "WebSocket messages sent");
		this.handling = Timer.builder("ws.server.message.handling")
			.description("Time spent in the endpoint's handler per message")
			.tag("path", path)
			.register(registry);
	}

	private DistributionSummary summary(String name, String type, String description) {
		return DistributionSummary.builder(name)
			.description(description)
			.baseUnit("bytes")
			.tag("path", this.path)
			.tag("type", type)
			.register(this.registry);
	}

	Counter closes(int code) {
		return this.closes.computeIfAbsent(code, (c) -> Counter.builder("ws.server.closes")
			.description("WebSocket sessions ended, by close code")
			.tag("path", this.path)
			.tag("code", Integer.toString(c))
			.register(this.registry));
	}

}
