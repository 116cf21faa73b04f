package dev.wsboot.cluster.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.RedisServer;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two publishers, one on each node, each sending 10,000 numbered messages to one topic at
 * once: every subscriber on either node gets every message, each publisher's in order;
 * and with {@code via-broker} delivery, all of them in one same order.
 */
class ClusterOrderTests {

	private static final int MESSAGES = 10_000;

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@Test
	void everySubscriberSeesEachPublishersMessagesInOrder() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a"); ClusterNode b = ClusterNode.start(redis, "b")) {
			List<List<String>> received = publishFromBothNodes(a, b);
			for (List<String> messages : received) {
				assertThat(messages).hasSize(2 * MESSAGES);
				assertEachPublisherInOrder(messages);
			}
			assertThat(a.broker().gaps() + b.broker().gaps()).isZero();
		}
	}

	@Test
	void viaTheBrokerEverySubscriberSeesOneOrder() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a", "ws.cluster.local-delivery=via-broker");
				ClusterNode b = ClusterNode.start(redis, "b", "ws.cluster.local-delivery=via-broker")) {
			List<List<String>> received = publishFromBothNodes(a, b);
			for (List<String> messages : received) {
				assertThat(messages).hasSize(2 * MESSAGES);
				assertEachPublisherInOrder(messages);
			}
			List<String> first = received.get(0);
			for (List<String> messages : received) {
				assertThat(messages).as("the order every subscriber saw").isEqualTo(first);
			}
			// The two publishers did interleave, or the test would prove nothing about order.
			assertThat(first.subList(0, MESSAGES)).anyMatch((message) -> message.startsWith("b-"));
			assertThat(a.broker().gaps() + b.broker().gaps()).isZero();
		}
	}

	private static List<List<String>> publishFromBothNodes(ClusterNode a, ClusterNode b) throws Exception {
		List<JdkWsClient> clients = List.of(a.join("race"), a.join("race"), b.join("race"), b.join("race"));
		TestWsServer.eventually()
			.until(() -> a.broker().subscriptions() == 1 && b.broker().subscriptions() == 1
					&& redis.commands().pubsubNumsub("wsboot:t:race").get("wsboot:t:race") == 2);
		CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> publish(a, "a"));
		CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> publish(b, "b"));
		CompletableFuture.allOf(fromA, fromB).get(60, TimeUnit.SECONDS);
		List<List<String>> received = new ArrayList<>();
		for (JdkWsClient client : clients) {
			List<String> messages = new ArrayList<>();
			for (int i = 0; i < 2 * MESSAGES; i++) {
				String next = client.texts().poll(JdkWsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				assertThat(next).as("message %d of %d", i + 1, 2 * MESSAGES).isNotNull();
				messages.add(next);
			}
			received.add(messages);
		}
		return received;
	}

	private static void publish(ClusterNode node, String publisher) {
		for (int i = 1; i <= MESSAGES; i++) {
			node.topics().publish("race", publisher + "-" + i);
		}
	}

	private static void assertEachPublisherInOrder(List<String> messages) {
		Map<String, Integer> last = new HashMap<>();
		for (String message : messages) {
			String[] parts = message.split("-");
			int number = Integer.parseInt(parts[1]);
			Integer previous = last.put(parts[0], number);
			assertThat(number).as("%s after %s", message, previous).isEqualTo((previous != null) ? previous + 1 : 1);
		}
	}

}
