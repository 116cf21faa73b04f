package dev.wsboot.autoconfigure;

import dev.wsboot.cluster.DefaultWsCluster;
import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsClusterBroker;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsClusterAutoConfiguration}: a single node unless the application asks
 * for the cluster; the Redis broker is started only with a Redis to reach, so its tests
 * against a real one are in {@code dev.wsboot.cluster.redis}.
 */
class WsClusterAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, WsClusterAutoConfiguration.class,
				WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void isASingleNodeByDefaultEvenWithRedis() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(WsClusterBroker.class);
			WsCluster cluster = context.getBean(WsCluster.class);
			assertThat(cluster).isInstanceOf(DefaultWsCluster.class);
			assertThat(cluster.nodeId()).isEqualTo(DefaultWsCluster.SINGLE_NODE_ID);
			assertThat(cluster.nodes()).containsExactly(DefaultWsCluster.SINGLE_NODE_ID);
			assertThat(cluster.onlineUsers()).isEmpty();
		});
	}

	@Test
	void staysASingleNodeWithoutARedisConnectionFactory() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WsClusterAutoConfiguration.class, WsAutoConfiguration.class))
			.withInitializer(new WsServerPortInfoApplicationContextInitializer())
			.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s", "ws.cluster.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsClusterBroker.class));
	}

	@Test
	void refusesANodeIdWithASlash() {
		this.contextRunner.withPropertyValues("ws.cluster.enabled=true", "ws.cluster.node-id=a/b")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("without '/'"));
	}

}
