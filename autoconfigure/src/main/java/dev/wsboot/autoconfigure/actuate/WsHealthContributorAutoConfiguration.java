package dev.wsboot.autoconfigure.actuate;

import dev.wsboot.actuate.health.WsClusterHealthIndicator;
import dev.wsboot.actuate.health.WsServerHealthIndicator;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.WsClusterAutoConfiguration;
import dev.wsboot.cluster.WsClusterStatistics;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.endpoint.WsEndpointDescriptor;
import dev.wsboot.endpoint.WsEndpointRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@code ws} health indicator when Spring Boot's health support is present;
 * turn it off with {@code management.health.ws.enabled=false}. With a cluster, the
 * {@code wsCluster} indicator too, for the node's link to the broker.
 */
@AutoConfiguration(after = { WsAutoConfiguration.class, WsClusterAutoConfiguration.class }, before = HealthContributorAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(WsServerBootstrap.class)
@ConditionalOnEnabledHealthIndicator("ws")
public final class WsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wsHealthIndicator")
	WsServerHealthIndicator wsHealthIndicator(WsServerBootstrap bootstrap, WsEndpointRegistry endpoints) {
		return new WsServerHealthIndicator(bootstrap.getServer(),
				endpoints.getEndpoints().stream().map(WsEndpointDescriptor::path).toList());
	}

	@Bean
	@ConditionalOnBean(WsClusterStatistics.class)
	@ConditionalOnMissingBean(name = "wsClusterHealthIndicator")
	WsClusterHealthIndicator wsClusterHealthIndicator(WsClusterStatistics cluster) {
		return new WsClusterHealthIndicator(cluster);
	}

}
