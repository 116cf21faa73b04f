package dev.wsboot.cluster.redis;

import java.time.Duration;

import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.RedisServer;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes, each a whole application, sharing their topics through a real Redis: what is
 * published on one reaches the subscribers of both, once, and a node's topic channel is
 * subscribed only while it has subscribers of the topic.
 */
class ClusterFanOutTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@Test
	void messagesOfARoomReachItsMembersOnBothNodesOnce() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a"); ClusterNode b = ClusterNode.start(redis, "b")) {
			JdkWsClient alice = a.join("lobby");
			JdkWsClient anna = a.join("lobby");
			JdkWsClient bob = b.join("lobby");
			awaitChannel("wsboot:t:lobby", 2);
			alice.sendText("hello from a");
			assertThat(bob.nextText()).isEqualTo("hello from a");
			assertThat(anna.nextText()).isEqualTo("hello from a");
			bob.sendText("hello from b");
			assertThat(alice.nextText()).isEqualTo("hello from b");
			assertThat(anna.nextText()).isEqualTo("hello from b");
			// Once each: an echo from Redis would have come before this.
			anna.sendText("last");
			assertThat(bob.nextText()).isEqualTo("last");
			assertThat(alice.nextText()).isEqualTo("last");
			assertThat(alice.texts()).isEmpty();
			assertThat(bob.texts()).isEmpty();
			// Counted when Redis acknowledges the publish, which may come after the delivery.
			TestWsServer.eventually().until(() -> a.broker().published() == 2);
			assertThat(a.broker().gaps()).isZero();
		}
	}

	@Test
	void aNodeIsSubscribedToATopicOnlyWhileItHasSubscribersOfIt() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a")) {
			assertThat(redis.channels("wsboot:t:*")).isEmpty();
			JdkWsClient alice = a.join("kitchen");
			awaitChannel("wsboot:t:kitchen", 1);
			assertThat(a.broker().subscriptions()).isEqualTo(1);
			alice.close();
			TestWsServer.eventually().until(() -> a.topics().subscriberCount("kitchen") == 0);
			// Kept for the unsubscribe delay, then dropped.
			assertThat(redis.channels("wsboot:t:*")).containsExactly("wsboot:t:kitchen");
			TestWsServer.eventually().until(() -> redis.channels("wsboot:t:*").isEmpty());
			TestWsServer.eventually().until(() -> a.broker().subscriptions() == 0);
		}
	}

	@Test
	void aSubscriberWhoComesBackWithinTheDelayKeepsTheChannel() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a", "ws.cluster.unsubscribe-delay=1h");
				ClusterNode b = ClusterNode.start(redis, "b")) {
			a.join("hall").close();
			TestWsServer.eventually().until(() -> a.topics().subscriberCount("hall") == 0);
			JdkWsClient again = a.join("hall");
			JdkWsClient bob = b.join("hall");
			bob.sendText("still here");
			assertThat(again.nextText()).isEqualTo("still here");
			assertThat(redis.commands().pubsubNumsub("wsboot:t:hall")).containsEntry("wsboot:t:hall", 2L);
		}
	}

	private static void awaitChannel(String channel, long subscribers) {
		TestWsServer.eventually()
			.atMost(Duration.ofSeconds(10))
			.until(() -> redis.commands().pubsubNumsub(channel).get(channel) == subscribers);
	}

}
