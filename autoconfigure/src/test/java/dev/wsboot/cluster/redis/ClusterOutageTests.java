package dev.wsboot.cluster.redis;

import java.time.Duration;

import dev.wsboot.cluster.WsClusterGapEvent;
import dev.wsboot.cluster.WsClusterReconnectedEvent;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.RedisServer;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes that lose Redis, or are cut off by it, go on serving their own subscribers, count
 * and report what could not be published and what was lost, show DOWN then UP, and
 * subscribe again when Redis is back.
 */
class ClusterOutageTests {

	private static final Duration CUT_OFF = Duration.ofSeconds(2);

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@Test
	void redisRestartedLeavesLocalDeliveryGoingAndBothNodesSubscribeAgain() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a", "test.redis.reconnect-delay=200ms");
				ClusterNode b = ClusterNode.start(redis, "b", "test.redis.reconnect-delay=200ms")) {
			JdkWsClient alice = a.join("lobby");
			JdkWsClient anna = a.join("lobby");
			JdkWsClient bob = b.join("lobby");
			awaitSubscribed(2);
			assertThat(a.health()).isEqualTo("UP");
			redis.stop();
			TestWsServer.eventually().until(() -> a.health().equals("DOWN") && b.health().equals("DOWN"));
			// DOWN as soon as either connection is lost; a message is refused, rather than kept
			// for the reconnect, once the publishing one is known lost too.
			TestWsServer.eventually().until(() -> !a.broker().canPublish());
			alice.sendText("while redis is down");
			assertThat(anna.nextText()).isEqualTo("while redis is down");
			TestWsServer.eventually().until(() -> a.broker().failures() == 1);
			redis.start();
			TestWsServer.eventually().atMost(Duration.ofSeconds(20))
				.until(() -> a.health().equals("UP") && b.health().equals("UP"));
			awaitSubscribed(2);
			for (ClusterNode node : new ClusterNode[] { a, b }) {
				WsClusterReconnectedEvent reconnected = event(node, WsClusterReconnectedEvent.class);
				assertThat(reconnected.getTopics()).containsExactly("lobby");
				assertThat(reconnected.getOutage()).isPositive();
				assertThat(node.broker().reconnects()).isEqualTo(1);
			}
			alice.sendText("back");
			assertThat(bob.nextText()).isEqualTo("back");
			assertThat(anna.nextText()).isEqualTo("back");
			assertThat(bob.texts()).isEmpty();
		}
	}

	@Test
	void aSubscriberCutOffByRedisReportsTheMessagesItMissed() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a");
				ClusterNode b = ClusterNode.start(redis, "b", "test.redis.reconnect-delay=" + CUT_OFF.toMillis() + "ms")) {
			a.join("lobby");
			JdkWsClient bob = b.join("lobby");
			awaitSubscribed(2);
			a.topics().publish("lobby", "one");
			assertThat(bob.nextText()).isEqualTo("one");
			// What Redis does to a subscriber that stopped reading, such as a frozen process
			// past client-output-buffer-limit: it drops the connection.
			String subscriber = redis.commands().clientList().lines()
				.filter((client) -> client.contains(" name=wsboot:sub:b "))
				.map((client) -> client.substring(3, client.indexOf(' ')))
				.findFirst()
				.orElseThrow();
			redis.commands().clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(subscriber)));
			TestWsServer.eventually().until(() -> b.health().equals("DOWN"));
			for (int i = 0; i < 5; i++) {
				a.topics().publish("lobby", "lost " + i);
			}
			TestWsServer.eventually().until(() -> b.health().equals("UP"));
			awaitSubscribed(2);
			a.topics().publish("lobby", "after");
			assertThat(bob.nextText()).isEqualTo("after");
			WsClusterGapEvent gap = event(b, WsClusterGapEvent.class);
			assertThat(gap.getTopic()).isEqualTo("lobby");
			assertThat(gap.getOrigin()).isEqualTo("a");
			assertThat(gap.getMissed()).isEqualTo(5);
			assertThat(b.broker().gaps()).isEqualTo(1);
			assertThat(b.broker().missed()).isEqualTo(5);
			assertThat(event(b, WsClusterReconnectedEvent.class).getTopics()).containsExactly("lobby");
			assertThat(a.broker().gaps()).isZero();
		}
	}

	/** The first event of a type the node published, once it has. */
	private static <E extends ApplicationEvent> E event(ClusterNode node, Class<E> type) {
		TestWsServer.eventually().until(() -> node.clusterEvents().stream().anyMatch(type::isInstance));
		return node.clusterEvents().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

	private static void awaitSubscribed(long nodes) {
		TestWsServer.eventually().atMost(Duration.ofSeconds(20))
			.until(() -> redis.commands().pubsubNumsub("wsboot:t:lobby").get("wsboot:t:lobby") == nodes);
	}

}
