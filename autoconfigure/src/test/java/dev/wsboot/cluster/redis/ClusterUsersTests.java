package dev.wsboot.cluster.redis;

import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.RedisServer;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages to a session or a user reach it on whichever node it is connected, and every
 * node knows which nodes and users are online, from heartbeats that expire.
 */
class ClusterUsersTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@Test
	void aStartedNodeAlreadyReceivesWhatIsSentToItsSessionsAndUsers() {
		redis.commands().ping();
		try (ClusterNode b = ClusterNode.start(redis, "b")) {
			// At once: the test's connection to Redis is open already, so that nothing
			// but the node's start stands between the two.
			assertThat(redis.commands().pubsubNumsub("wsboot:n:b", "wsboot:u")).containsEntry("wsboot:n:b", 1L)
				.containsEntry("wsboot:u", 1L);
		}
	}

	@Test
	void aMessageToASessionReachesItOnAnotherNode() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a"); ClusterNode b = ClusterNode.start(redis, "b")) {
			JdkWsClient bob = b.join("lobby");
			WsSession session = b.topics().subscribers("lobby").get(0);
			String address = b.cluster().addressOf(session);
			assertThat(address).isEqualTo("b/" + session.id());
			assertThat(a.cluster().sendToSession(address, "just for you")).isTrue();
			assertThat(bob.nextText()).isEqualTo("just for you");
		}
	}

	@Test
	void aMessageToAUserReachesItsSessionsOnEveryNode() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a"); ClusterNode b = ClusterNode.start(redis, "b")) {
			JdkWsClient adaOnA = a.join("lobby", "ada");
			JdkWsClient adaOnB = b.join("hall", "ada");
			JdkWsClient bob = b.join("hall", "bob");
			assertThat(a.cluster().sendToUser("ada", "hi ada")).isEqualTo(1);
			assertThat(adaOnA.nextText()).isEqualTo("hi ada");
			assertThat(adaOnB.nextText()).isEqualTo("hi ada");
			b.cluster().sendToUser("bob", "hi bob");
			assertThat(bob.nextText()).isEqualTo("hi bob");
			assertThat(adaOnA.texts()).isEmpty();
		}
	}

	@Test
	void topicsSendToAUserOnEveryNodeAsTheApplicationNamesUsers() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a"); ClusterNode b = ClusterNode.start(redis, "b")) {
			JdkWsClient bob = b.join("hall", "bob");
			JdkWsClient adaOnB = b.join("hall", "ada");
			// No session of ada on node a: the message still goes to the other nodes.
			assertThat(a.topics().sendToUser("ada", "from the topics")).isZero();
			assertThat(adaOnB.nextText()).isEqualTo("from the topics");
			// The nodes' WsSessionUsers bean names users by an attribute: the topics find ada
			// on their own node by it too, not only by a principal.
			JdkWsClient adaOnA = a.join("lobby", "ada");
			assertThat(a.topics().sendToUser("ada", "everywhere")).isEqualTo(1);
			assertThat(adaOnA.nextText()).isEqualTo("everywhere");
			assertThat(adaOnB.nextText()).isEqualTo("everywhere");
			b.cluster().sendToUser("bob", "only bob");
			assertThat(bob.nextText()).isEqualTo("only bob");
			assertThat(adaOnB.texts()).isEmpty();
		}
	}

	@Test
	void presenceListsTheUsersOfEveryNodeAliveAndDropsANodeThatLeaves() throws Exception {
		try (ClusterNode a = ClusterNode.start(redis, "a")) {
			a.join("lobby", "ada");
			try (ClusterNode b = ClusterNode.start(redis, "b")) {
				b.join("lobby", "bob");
				TestWsServer.eventually().until(() -> a.cluster().onlineUsers().size() == 2);
				assertThat(a.cluster().onlineUsers()).containsExactly("ada", "bob");
				assertThat(a.cluster().nodes()).containsExactly("a", "b");
				// A node that dies without leaving drops out when its keys expire.
				assertThat(redis.commands().pttl("wsboot:node:b")).isBetween(1L, 1000L);
				assertThat(redis.commands().pttl("wsboot:presence:b")).isBetween(1L, 1000L);
			}
			assertThat(a.cluster().nodes()).containsExactly("a");
			assertThat(a.cluster().onlineUsers()).containsExactly("ada");
		}
	}

}
