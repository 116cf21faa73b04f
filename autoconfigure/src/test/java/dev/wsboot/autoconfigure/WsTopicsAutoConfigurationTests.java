package dev.wsboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.actuate.metrics.WsTopicMetrics;
import dev.wsboot.autoconfigure.actuate.WsMetricsAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.FakeWsSession;
import dev.wsboot.endpoint.OnClose;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.PathParam;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.topic.DefaultWsTopics;
import dev.wsboot.topic.SlowSubscriberPolicy;
import dev.wsboot.topic.WsTopicRelay;
import dev.wsboot.topic.WsTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the topics {@link WsAutoConfiguration} provides: a {@link WsTopics} bean that
 * endpoints use, whose sessions leave their topics after their {@code @OnClose}, with the
 * application's JSON, its {@link WsTopicRelay} and the {@code ws.topics.*} policies, and
 * metrics when the application has a registry.
 */
class WsTopicsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void providesTopicsThatEndpointsPublishJsonToWithTheApplicationsMapper() {
		this.contextRunner.withPropertyValues("spring.jackson.property-naming-strategy=SNAKE_CASE")
			.withUserConfiguration(RoomEndpoint.class)
			.run((context) -> {
				WsTopics topics = context.getBean(WsTopics.class);
				assertThat(topics).isInstanceOf(DefaultWsTopics.class);
				JdkWsClient alice = JdkWsClient.connect(LocalPort.of(context), "/rooms/lobby");
				JdkWsClient bob = JdkWsClient.connect(LocalPort.of(context), "/rooms/lobby");
				awaitSubscribers(topics, "lobby", 2);
				alice.sendText("hello");
				assertThat(bob.nextText()).isEqualTo("{\"room_name\":\"lobby\",\"text\":\"hello\"}");
				assertThat(topics.publish("lobby", new Said("lobby", "to all"))).isEqualTo(2);
				// Alice's first message: she did not get her own.
				assertThat(alice.nextText()).isEqualTo("{\"room_name\":\"lobby\",\"text\":\"to all\"}");
				alice.close();
				bob.close();
				awaitSubscribers(topics, "lobby", 0);
				assertThat(topics.topics()).isEmpty();
				assertThat(context.getBean(RoomEndpoint.class).topicsOnClose).containsExactly(Set.of("lobby"),
						Set.of("lobby"));
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnTopics() {
		WsTopics custom = new ForwardingTopics(new DefaultWsTopics());
		this.contextRunner.withBean("customTopics", WsTopics.class, () -> custom)
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, WsMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DefaultWsTopics.class)
					.doesNotHaveBean(WsTopicMetrics.class);
				assertThat(context.getBean(WsTopics.class)).isSameAs(custom);
			});
	}

	@Test
	void tracksTheSessionsOfTopicsTheApplicationMakesItself() {
		this.contextRunner.withUserConfiguration(OwnTopicsConfiguration.class, RoomEndpoint.class)
			.run((context) -> {
				DefaultWsTopics topics = context.getBean(OwnTopicsConfiguration.class).topics;
				assertThat(context.getBean(WsTopics.class)).isSameAs(topics);
				JdkWsClient alice = JdkWsClient.connect(LocalPort.of(context), "/rooms/lobby");
				awaitSubscribers(topics, "lobby", 1);
				alice.close();
				awaitSubscribers(topics, "lobby", 0);
			});
	}

	@Test
	void publishesThroughTheApplicationsRelay() {
		RecordingRelay relay = new RecordingRelay();
		this.contextRunner.withBean(WsTopicRelay.class, () -> relay).withUserConfiguration(RoomEndpoint.class)
			.run((context) -> {
				WsTopics topics = context.getBean(WsTopics.class);
				JdkWsClient alice = JdkWsClient.connect(LocalPort.of(context), "/rooms/lobby");
				awaitSubscribers(topics, "lobby", 1);
				assertThat(relay.events).containsExactly("+lobby");
				topics.publish("lobby", "hello");
				assertThat(alice.nextText()).isEqualTo("hello");
				assertThat(relay.events).containsExactly("+lobby", "lobby: hello");
				alice.close();
				TestWsServer.eventually().until(() -> relay.events.contains("-lobby"));
			});
	}

	@Test
	void givesEachTopicThePolicyOfThePropertiesForItsName() {
		this.contextRunner
			.withPropertyValues("ws.topics.max-buffered=1KB", "ws.topics.policies[prices.*].slow-subscriber=drop")
			.run((context) -> {
				DefaultWsTopics topics = context.getBean(DefaultWsTopics.class);
				FakeWsSession slow = new FakeWsSession() {

					@Override
					public long bufferedAmount() {
						return 2048;
					}

				};
				topics.subscribe(slow, "prices.acme");
				topics.subscribe(slow, "chat");
				topics.publish("prices.acme", "12.5");
				assertThat(topics.dropped()).isEqualTo(1);
				assertThat(slow.closeStatus()).isNull();
				topics.publish("chat", "hello");
				assertThat(topics.slowClosed()).isEqualTo(1);
				assertThat(slow.closeStatus()).isNotNull();
			});
	}

	@Test
	void recordsTopicMetricsWhenTheApplicationHasAMeterRegistry() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, WsMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(WsTopicMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				WsTopics topics = context.getBean(WsTopics.class);
				topics.subscribe(new FakeWsSession(), "lobby");
				topics.publish("lobby", "hello");
				assertThat(registry.get("ws.topics.active").gauge().value()).isEqualTo(1);
				assertThat(registry.get("ws.topics.subscriptions").gauge().value()).isEqualTo(1);
				assertThat(registry.get("ws.topics.publishes").functionCounter().count()).isEqualTo(1);
				assertThat(registry.get("ws.topics.deliveries").functionCounter().count()).isEqualTo(1);
				assertThat(registry.get("ws.topics.dropped").functionCounter().count()).isZero();
				assertThat(registry.get("ws.topics.slow.closed").functionCounter().count()).isZero();
			});
	}

	private static void awaitSubscribers(WsTopics topics, String topic, int count) {
		TestWsServer.eventually().until(() -> topics.subscriberCount(topic) == count);
	}

	/** What a room's member said. */
	record Said(String roomName, String text) {
	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		final List<Set<String>> topicsOnClose = new CopyOnWriteArrayList<>();

		private final WsTopics topics;

		RoomEndpoint(WsTopics topics) {
			this.topics = topics;
		}

		@OnOpen
		void join(WsSession session, @PathParam String room) {
			this.topics.subscribe(session, room);
		}

		@OnMessage
		void say(WsSession session, @PathParam String room, String text) {
			this.topics.publishExcept(room, new Said(room, text), session);
		}

		@OnClose
		void leave(WsSession session) {
			this.topicsOnClose.add(this.topics.topicsOf(session));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnTopicsConfiguration {

		final DefaultWsTopics topics = new DefaultWsTopics(
				(message) -> PreparedMessage.text(String.valueOf(message)),
				(topic) -> SlowSubscriberPolicy.DEFAULT, WsTopicRelay.NONE);

		@Bean
		DefaultWsTopics ownTopics() {
			return this.topics;
		}

	}

	/** An application's own topics, here forwarding every call to topics that are not a bean. */
	record ForwardingTopics(WsTopics delegate) implements WsTopics {

		@Override
		public boolean subscribe(WsSession session, String topic) {
			return this.delegate.subscribe(session, topic);
		}

		@Override
		public boolean unsubscribe(WsSession session, String topic) {
			return this.delegate.unsubscribe(session, topic);
		}

		@Override
		public Set<String> topicsOf(WsSession session) {
			return this.delegate.topicsOf(session);
		}

		@Override
		public int publish(String topic, Object message) {
			return this.delegate.publish(topic, message);
		}

		@Override
		public int publishExcept(String topic, Object message, WsSession excluded) {
			return this.delegate.publishExcept(topic, message, excluded);
		}

		@Override
		public int sendToUser(String user, Object message) {
			return this.delegate.sendToUser(user, message);
		}

		@Override
		public int deliver(String topic, PreparedMessage message) {
			return this.delegate.deliver(topic, message);
		}

		@Override
		public List<WsSession> subscribers(String topic) {
			return this.delegate.subscribers(topic);
		}

		@Override
		public int subscriberCount(String topic) {
			return this.delegate.subscriberCount(topic);
		}

		@Override
		public Set<String> topics() {
			return this.delegate.topics();
		}

	}

	/** Records {@code +topic}, {@code -topic} and {@code topic: text} for each publish. */
	static class RecordingRelay implements WsTopicRelay {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void relay(String topic, PreparedMessage message) {
			this.events.add(topic + ": " + new String(message.payload(), StandardCharsets.UTF_8));
		}

		@Override
		public void nodeSubscribed(String topic) {
			this.events.add("+" + topic);
		}

		@Override
		public void nodeUnsubscribed(String topic) {
			this.events.add("-" + topic);
		}

	}

}
