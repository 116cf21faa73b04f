package dev.wsboot.bench.peer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.wsboot.cluster.DefaultWsCluster;
import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsSessionUsers;
import dev.wsboot.cluster.redis.RedisClusterBroker;
import dev.wsboot.cluster.redis.RedisClusterSettings;
import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.topic.DefaultWsTopics;
import dev.wsboot.topic.SlowSubscriberPolicy;
import dev.wsboot.topic.WsTopicRelay;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

/**
 * One node of the cluster benchmark: wsboot's NIO server with the {@code /topic} endpoint of
 * {@link WsbootEchoServer} (every session joins topic {@code bench}, every message is
 * published to it, see {@link TopicFanOut}), and, given {@code --redis-port}, its topics
 * relayed through the {@link RedisClusterBroker} that {@code ws.cluster.enabled=true} makes,
 * so that a message published on one node reaches the subscribers of every node. Without
 * {@code --redis-port} it is a single node, as the topic peer is.
 *
 * <p>Wired by hand, as {@code WsClusterAutoConfiguration} and {@code WsAutoConfiguration}
 * wire it in an application (the broker on a Lettuce {@link RedisClient}, the
 * {@link DefaultWsTopics} relaying through it, a {@link DefaultWsCluster}), without a Spring
 * Boot application around it, so that the node starts in a second and runs the same code on
 * the path of a message: publish, envelope, Redis, receive, deliver.
 *
 * <p>Options: {@code --port 0 --topic-path /topic --threads 1 --max-message 2097152
 * --max-connections 200000 --redis-port N --redis-host 127.0.0.1 --node-id node
 * --local-delivery direct|via-broker}. Prints {@code READY port=<port>} once bound, and on
 * SIGTERM a line {@code CLUSTER node=... published=... received=... gaps=... missed=...
 * failures=...} with the broker's counters.
 */
public final class WsbootClusterNode {

	private WsbootClusterNode() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = WsbootEchoServer.parse(args);
		int maxMessage = Integer.parseInt(options.getOrDefault("max-message", Integer.toString(2 << 20)));
		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setPort(Integer.parseInt(options.getOrDefault("port", "0")));
		factory.setIoThreads(Integer.parseInt(options.getOrDefault("threads", "1")));
		factory.setLimits(new WebSocketLimits(maxMessage, maxMessage));
		factory.setMaxConnections(Integer.parseInt(options.getOrDefault("max-connections", "200000")));
		factory.setMaxOutboundBuffer(Math.max(4 << 20, 2 * maxMessage));
		factory.setShutdownTimeout(Duration.ofSeconds(2));

		AtomicReference<WsServer> server = new AtomicReference<>();
		AtomicReference<DefaultWsTopics> topics = new AtomicReference<>();
		AtomicReference<WsCluster> cluster = new AtomicReference<>();
		@Nullable RedisClient redis = null;
		@Nullable RedisClusterBroker broker = null;
		String redisPort = options.get("redis-port");
		if (redisPort != null) {
			redis = RedisClient.create(RedisURI.create(options.getOrDefault("redis-host", "127.0.0.1"),
					Integer.parseInt(redisPort)));
			RedisClient client = redis;
			broker = new RedisClusterBroker(() -> client, settings(options), topics::get, cluster::get,
					() -> server.get().sessions(), Set::of, (event) -> System.err.println("cluster event: " + event));
		}
		RedisClusterBroker relay = broker;
		topics.set(new DefaultWsTopics(WsMessageEncoder.STANDARD, (topic) -> SlowSubscriberPolicy.DEFAULT,
				(relay != null) ? relay : WsTopicRelay.NONE, (user) -> server.get().sessions().sessionsOf(user)));
		cluster.set(new DefaultWsCluster(WsMessageEncoder.STANDARD, () -> server.get().sessions(), () -> relay,
				WsSessionUsers.BY_ATTRIBUTE));
		String topicPath = options.getOrDefault("topic-path", "/topic");
		WsServer started = factory.create(
				List.of(new WsRoute(topicPath, topics.get().tracking(new TopicFanOut(topics.get())), List.of(), true)));
		server.set(started);

		// The broker starts before the server and stops after it, as its lifecycle phase says.
		if (relay != null) {
			relay.start();
		}
		RedisClient client = redis;
		WsbootEchoServer.serveUntilShutdown(started, () -> {
			if (relay != null) {
				System.out.printf("CLUSTER node=%s published=%d received=%d gaps=%d missed=%d failures=%d%n",
						relay.nodeId(), relay.published(), relay.received(), relay.gaps(), relay.missed(),
						relay.failures());
				System.out.flush();
				relay.stop();
			}
			if (client != null) {
				client.shutdown();
			}
		});
	}

	/** The defaults of {@code ws.cluster.*}, but for the node id and the local delivery. */
	private static RedisClusterSettings settings(Map<String, String> options) {
		String localDelivery = options.getOrDefault("local-delivery", "direct");
		if (!localDelivery.equals("direct") && !localDelivery.equals("via-broker")) {
			throw new IllegalArgumentException("--local-delivery is direct or via-broker, not " + localDelivery);
		}
		return new RedisClusterSettings(options.getOrDefault("node-id", "node"), "wsboot",
				localDelivery.equals("via-broker"), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(5),
				Duration.ofMinutes(1));
	}

}
