package dev.wsboot.autoconfigure;

import java.util.Set;
import java.util.UUID;

import dev.wsboot.cluster.DefaultWsCluster;
import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsClusterBroker;
import dev.wsboot.cluster.redis.RedisClusterBroker;
import dev.wsboot.cluster.redis.RedisClusterSettings;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.topic.WsTopics;
import io.lettuce.core.RedisClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Auto-configuration of the cluster on Redis when {@code ws.cluster.enabled=true} and the
 * application has a Lettuce {@link RedisConnectionFactory}, as Spring Boot makes from
 * {@code spring.data.redis.*}: a {@link RedisClusterBroker} configured by
 * {@link WsClusterProperties}, which the topics and the {@link WsCluster} pick up.
 */
@AutoConfiguration(before = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ws.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("ws.cluster.enabled")
@ConditionalOnClass({ LettuceConnectionFactory.class, RedisClient.class })
@EnableConfigurationProperties(WsClusterProperties.class)
public final class WsClusterAutoConfiguration {

	@Bean
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnMissingBean(WsClusterBroker.class)
	RedisClusterBroker wsClusterBroker(RedisConnectionFactory connectionFactory, WsClusterProperties properties,
			ObjectProvider<WsTopics> topics, ObjectProvider<WsCluster> cluster,
			ObjectProvider<WsSessionRegistry> sessions, ApplicationEventPublisher events) {
		if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
			throw new InvalidConfigurationPropertyValueException("ws.cluster.enabled", true,
					"The cluster needs Lettuce, but the Redis connection factory is a "
							+ connectionFactory.getClass().getName());
		}
		return new RedisClusterBroker(lettuce::getRequiredNativeClient, settings(properties), topics::getObject,
				cluster::getObject, sessions::getObject, () -> localUsers(cluster.getObject()), events);
	}

	private static Set<String> localUsers(WsCluster cluster) {
		return (cluster instanceof DefaultWsCluster local) ? local.localUsers() : Set.of();
	}

	private static RedisClusterSettings settings(WsClusterProperties properties) {
		String nodeId = (properties.getNodeId() != null) ? properties.getNodeId() : UUID.randomUUID().toString();
		try {
			return new RedisClusterSettings(nodeId, properties.getChannelPrefix(),
					properties.getLocalDelivery() == WsClusterProperties.LocalDelivery.VIA_BROKER,
					properties.getUnsubscribeDelay(), properties.getNodeTtl(), properties.getHeartbeat(),
					properties.getFailureLogInterval());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("ws.cluster", nodeId, ex.getMessage());
		}
	}

}
