package dev.wsboot.actuate.metrics;

import dev.wsboot.endpoint.FakeWsSession;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.topic.DefaultWsTopics;
import dev.wsboot.topic.SlowSubscriberPolicy;
import dev.wsboot.topic.WsTopicRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsTopicMetrics}: the meters follow the topics they watch, without a tag
 * per topic name.
 */
class WsTopicMetricsTests {

	private final DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD,
			(topic) -> new SlowSubscriberPolicy(
					topic.startsWith("prices.") ? SlowSubscriberPolicy.Action.DROP : SlowSubscriberPolicy.Action.CLOSE,
					100),
			WsTopicRelay.NONE);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	WsTopicMetricsTests() {
		new WsTopicMetrics(this.topics.statistics()).bindTo(this.registry);
	}

	@Test
	void gaugesTopicsAndSubscriptions() {
		FakeWsSession alice = new FakeWsSession();
		FakeWsSession bob = new FakeWsSession();
		assertThat(gauge("ws.topics.active")).isZero();
		this.topics.subscribe(alice, "lobby");
		this.topics.subscribe(bob, "lobby");
		this.topics.subscribe(alice, "news");
		assertThat(gauge("ws.topics.active")).isEqualTo(2);
		assertThat(gauge("ws.topics.subscriptions")).isEqualTo(3);
		WsHandler tracked = this.topics.tracking(new EchoHandler());
		tracked.onClose(alice, CloseStatus.NORMAL);
		assertThat(gauge("ws.topics.active")).isEqualTo(1);
		assertThat(gauge("ws.topics.subscriptions")).isEqualTo(1);
	}

	@Test
	void countsPublishesAndDeliveries() {
		this.topics.subscribe(new FakeWsSession(), "lobby");
		this.topics.subscribe(new FakeWsSession(), "lobby");
		this.topics.publish("lobby", "to two");
		this.topics.publish("nobody", "to none");
		assertThat(counter("ws.topics.publishes")).isEqualTo(2);
		assertThat(counter("ws.topics.deliveries")).isEqualTo(2);
	}

	@Test
	void countsDropsAndSlowSubscribersClosed() {
		SlowSession slow = new SlowSession();
		this.topics.subscribe(slow, "prices.acme");
		this.topics.subscribe(slow, "chat");
		this.topics.publish("prices.acme", "12.5");
		this.topics.publish("prices.acme", "12.6");
		assertThat(counter("ws.topics.dropped")).isEqualTo(2);
		assertThat(counter("ws.topics.slow.closed")).isZero();
		this.topics.publish("chat", "hello");
		assertThat(counter("ws.topics.slow.closed")).isEqualTo(1);
		assertThat(counter("ws.topics.deliveries")).isZero();
	}

	@Test
	void tagsNoMeterWithATopicName() {
		this.topics.subscribe(new FakeWsSession(), "secret-room");
		this.topics.publish("secret-room", "hello");
		assertThat(this.registry.getMeters()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter.getId().getTags()).isEmpty());
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private double counter(String name) {
		return this.registry.get(name).functionCounter().count();
	}

	/** A session with more waiting for it than any topic here allows. */
	static class SlowSession extends FakeWsSession {

		@Override
		public long bufferedAmount() {
			return 1000;
		}

	}

}
