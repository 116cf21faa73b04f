package dev.wsboot.autoconfigure.actuate;

import dev.wsboot.actuate.metrics.WsClusterMetrics;
import dev.wsboot.actuate.metrics.WsServerMetrics;
import dev.wsboot.actuate.metrics.WsSslMetrics;
import dev.wsboot.actuate.metrics.WsTopicMetrics;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.WsClusterAutoConfiguration;
import dev.wsboot.cluster.redis.RedisClusterBroker;
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
import org.springframework.context.annotation.Configuration;

/**
 * Records the WebSocket server's traffic in Micrometer when the application has a
 * {@link MeterRegistry}; see {@link WsServerMetrics} for the meters.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		WsAutoConfiguration.class, WsClusterAutoConfiguration.class })
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

	/** The cluster's meters, when the cluster runs on Redis. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
	static class ClusterMetricsConfiguration {

		@Bean
		@ConditionalOnBean(RedisClusterBroker.class)
		@ConditionalOnMissingBean
		WsClusterMetrics wsClusterMetrics(RedisClusterBroker broker) {
			return new WsClusterMetrics(broker);
		}

	}

}
