package dev.wsboot.autoconfigure.actuate;

import dev.wsboot.actuate.metrics.WsServerMetrics;
import dev.wsboot.actuate.metrics.WsSslMetrics;
import dev.wsboot.actuate.metrics.WsTopicMetrics;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerInitializedEvent;
import dev.wsboot.endpoint.WsEndpointDescriptor;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.ssl.SslBundleEngineSource;
import dev.wsboot.topic.DefaultWsTopics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * Records the WebSocket server's traffic in Micrometer when the application has a
 * {@link MeterRegistry}; see {@link WsServerMetrics} for the meters.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		WsAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, WsEndpointRegistry.class })
public final class WsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WsServerMetrics wsServerMetrics(MeterRegistry registry) {
		return new WsServerMetrics(registry);
	}

	@Bean
	@ConditionalOnBean(DefaultWsTopics.class)
	@ConditionalOnMissingBean
	WsTopicMetrics wsTopicMetrics(DefaultWsTopics topics) {
		return new WsTopicMetrics(topics.statistics());
	}

	@Bean
	@ConditionalOnBean(SslBundleEngineSource.class)
	@ConditionalOnMissingBean
	WsSslMetrics wsSslMetrics(SslBundleEngineSource source, MeterRegistry registry) {
		WsSslMetrics metrics = new WsSslMetrics(source);
		metrics.bindTo(registry);
		return metrics;
	}

	@Bean
	ApplicationListener<WsServerInitializedEvent> wsServerMetricsBinder(WsServerMetrics metrics,
			WsEndpointRegistry endpoints) {
		return (event) -> metrics.bindTo(event.getServer().sessions(),
				endpoints.getEndpoints().stream().map(WsEndpointDescriptor::path).toList());
	}

}
