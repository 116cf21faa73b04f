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

	/** By code tag: at most the 16 registered codes, {@code 3xxx}, {@code 4xxx} and {@code other}. */
	private final Map<String, Counter> closes = new ConcurrentHashMap<>();

	private final Counter invalid;

	private final Counter unsupported;

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
		this.invalid = rejected("invalid");
		this.unsupported = rejected("unsupported");
	}

	private Counter rejected(String reason) {
		return Counter.builder("ws.server.messages.rejected")
			.description("WebSocket messages the endpoint could not take")
			.tag("path", this.path)
			.tag("reason", reason)
			.register(this.registry);
	}

	/** The counter for a message rejected with this close code: 1007 invalid, else unsupported. */
	Counter rejected(int closeCode) {
		return (closeCode == 1007) ? this.invalid : this.unsupported;
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
		return this.closes.computeIfAbsent(codeTag(code), (tag) -> Counter.builder("ws.server.closes")
			.description("WebSocket sessions ended, by close code")
			.tag("path", this.path)
			.tag("code", tag)
			.register(this.registry));
	}

	/**
	 * The close code as a tag: the peer picks it, and RFC 6455 §7.4.2 leaves it a thousand
	 * codes for libraries (3000-3999) and a thousand for applications (4000-4999), so only
	 * the codes the RFC and IANA registered (1000-1015) are kept as themselves.
	 */
	static String codeTag(int code) {
		if (code >= 1000 && code <= 1015) {
			return Integer.toString(code);
		}
		if (code >= 3000 && code <= 3999) {
			return "3xxx";
		}
		if (code >= 4000 && code <= 4999) {
			return "4xxx";
		}
		return "other";
	}

}
