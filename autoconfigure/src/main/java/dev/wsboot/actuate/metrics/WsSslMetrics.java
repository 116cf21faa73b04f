package dev.wsboot.actuate.metrics;

import dev.wsboot.ssl.SslBundleEngineSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the reloads of the WebSocket server's SSL bundle in {@code ws.server.tls.reloads},
 * tagged by {@code bundle} and {@code outcome}: {@code success} when new connections got
 * the new certificate, {@code failure} when it was refused and the previous one kept. The
 * certificate's expiry is Spring Boot's own {@code ssl.chain.expiry}, which covers every
 * bundle.
 */
public class WsSslMetrics {

	private final SslBundleEngineSource source;

	/** Metrics of the reloads of {@code source}'s bundle. */
	public WsSslMetrics(SslBundleEngineSource source) {
		this.source = source;
	}

	/** Registers the counters in {@code registry}. */
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder("ws.server.tls.reloads", this.source, SslBundleEngineSource::reloads)
			.description("Updates of the WebSocket server's SSL bundle")
			.tag("bundle", this.source.bundleName())
			.tag("outcome", "success")
			.register(registry);
		FunctionCounter.builder("ws.server.tls.reloads", this.source, SslBundleEngineSource::failedReloads)
			.description("Updates of the WebSocket server's SSL bundle")
			.tag("bundle", this.source.bundleName())
			.tag("outcome", "failure")
			.register(registry);
	}

}
