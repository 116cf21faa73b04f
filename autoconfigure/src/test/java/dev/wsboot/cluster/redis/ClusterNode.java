package dev.wsboot.cluster.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.wsboot.cluster.WsCluster;
import dev.wsboot.cluster.WsClusterGapEvent;
import dev.wsboot.cluster.WsClusterReconnectedEvent;
import dev.wsboot.cluster.WsSessionUsers;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.PathParam;
import dev.wsboot.endpoint.QueryParam;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.RedisServer;
import dev.wsboot.topic.WsTopics;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * One node of a test cluster: a whole application context with its own WebSocket port,
 * clustered through a test's {@link RedisServer}, serving {@code /rooms/{room}}, where each
 * session joins its room and what it says goes to the others of the room, on every node.
 */
final class ClusterNode implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final BlockingQueue<ApplicationEvent> clusterEvents;

	private ClusterNode(ConfigurableApplicationContext context, BlockingQueue<ApplicationEvent> clusterEvents) {
		this.context = context;
		this.clusterEvents = clusterEvents;
	}

	/** Starts a node with these properties on top of those every test node has. */
	static ClusterNode start(RedisServer redis, String nodeId, String... properties) {
		BlockingQueue<ApplicationEvent> events = new LinkedBlockingQueue<>();
		List<String> all = new ArrayList<>(List.of("ws.port=0", "ws.shutdown-timeout=1s", "ws.cluster.enabled=true",
				"ws.cluster.node-id=" + nodeId, "ws.cluster.unsubscribe-delay=300ms", "ws.cluster.heartbeat=200ms",
				"ws.cluster.node-ttl=1s", "spring.data.redis.host=127.0.0.1", redis.portProperty(),
				"spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ClusterApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.listeners((ApplicationEvent event) -> {
				if (event instanceof WsClusterGapEvent || event instanceof WsClusterReconnectedEvent) {
					events.add(event);
				}
			})
			.run();
		return new ClusterNode(context, events);
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	WsTopics topics() {
		return this.context.getBean(WsTopics.class);
	}

	WsCluster cluster() {
		return this.context.getBean(WsCluster.class);
	}

	/** The status of the cluster's health indicator: UP or DOWN. */
	String health() {
		return this.context.getBean("wsClusterHealthIndicator", HealthIndicator.class).health().getStatus().getCode();
	}

	RedisClusterBroker broker() {
		return this.context.getBean(RedisClusterBroker.class);
	}

	/** The gap and reconnect events of this node, in the order published. */
	BlockingQueue<ApplicationEvent> clusterEvents() {
		return this.clusterEvents;
	}

	/** A client in a room of this node, once it has joined it. */
	JdkWsClient join(String room) throws Exception {
		return join(room, null);
	}

	/** A client of a user in a room of this node, once it has joined it. */
	JdkWsClient join(String room, @Nullable String user) throws Exception {
		int before = topics().subscriberCount(room);
		JdkWsClient client = JdkWsClient.connect(LocalPort.of(this.context),
				"/rooms/" + room + ((user != null) ? "?user=" + user : ""));
		dev.wsboot.testsupport.TestWsServer.eventually().until(() -> topics().subscriberCount(room) > before);
		return client;
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(RoomEndpoint.class)
	static class ClusterApplication {

		/** Members name themselves in the room's query; the endpoint stores the name as the session's user. */
		@Bean
		WsSessionUsers sessionUsers() {
			return WsSessionUsers.BY_ATTRIBUTE;
		}

		/** Lettuce waits this long before each reconnect, so that a test can act while a node is cut off. */
		@Bean
		@ConditionalOnProperty("test.redis.reconnect-delay")
		ClientResourcesBuilderCustomizer reconnectDelay(@Value("${test.redis.reconnect-delay}") Duration delay) {
			return (builder) -> builder.reconnectDelay(Delay.constant(delay));
		}

	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		private final WsTopics topics;

		RoomEndpoint(WsTopics topics) {
			this.topics = topics;
		}

		@OnOpen
		void join(WsSession session, @PathParam String room, @QueryParam(required = false) @Nullable String user) {
			if (user != null) {
				session.attributes().put(WsSessionUsers.ATTRIBUTE, user);
			}
			this.topics.subscribe(session, room);
		}

		@OnMessage
		void say(WsSession session, @PathParam String room, String text) {
			this.topics.publishExcept(room, text, session);
		}

	}

}
