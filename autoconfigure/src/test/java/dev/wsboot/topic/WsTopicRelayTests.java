package dev.wsboot.topic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.wsboot.endpoint.FakeWsSession;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.testsupport.EchoHandler;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for what {@link DefaultWsTopics} tells its {@link WsTopicRelay}: every publish, with
 * the message its subscribers got; nothing delivered from another node; and when the node
 * gains the first subscriber of a topic and loses the last, once per change, in order, with
 * no lock held, even under races.
 */
class WsTopicRelayTests {

	private final RecordingRelay relay = new RecordingRelay();

	private final DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD,
			(topic) -> SlowSubscriberPolicy.DEFAULT, this.relay);

	private final WsHandler tracked = this.topics.tracking(new EchoHandler());

	@Test
	void publishHandsTheRelayTheMessageTheSubscribersGot() {
		FakeSubscriber alice = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		this.topics.publish("lobby", "hello");
		assertThat(this.relay.relayed).singleElement().satisfies((relayed) -> {
			assertThat(relayed.topic()).isEqualTo("lobby");
			assertThat(relayed.message()).isSameAs(alice.sent().get(0));
		});
	}

	@Test
	void publishExceptRelaysToEveryOtherNode() {
		FakeSubscriber sender = new FakeSubscriber();
		this.topics.subscribe(sender, "lobby");
		assertThat(this.topics.publishExcept("lobby", "hello", sender)).isZero();
		assertThat(this.relay.relayed).hasSize(1);
	}

	@Test
	void publishToATopicWithoutSubscribersHereIsStillRelayed() {
		assertThat(this.topics.publish("elsewhere", "hello")).isZero();
		assertThat(this.relay.relayed).singleElement()
			.satisfies((relayed) -> assertThat(relayed.message().payload()).asString().isEqualTo("hello"));
	}

	@Test
	void deliverReachesThisNodesSubscribersWithoutRelaying() {
		FakeSubscriber alice = new FakeSubscriber();
		FakeSubscriber bob = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		this.topics.subscribe(bob, "lobby");
		PreparedMessage fromElsewhere = PreparedMessage.text("from another node");
		assertThat(this.topics.deliver("lobby", fromElsewhere)).isEqualTo(2);
		assertThat(alice.sent()).containsExactly(fromElsewhere);
		assertThat(bob.sent()).containsExactly(fromElsewhere);
		assertThat(this.topics.deliver("nobody", fromElsewhere)).isZero();
		assertThat(this.relay.relayed).isEmpty();
		assertThat(this.topics.publishes()).isEqualTo(2);
	}

	@Test
	void theRelayIsToldWhenTheNodeGainsTheFirstSubscriberOfATopicAndLosesTheLast() {
		FakeSubscriber alice = new FakeSubscriber();
		FakeSubscriber bob = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		assertThat(this.relay.changes).containsExactly("+lobby");
		this.topics.subscribe(bob, "lobby");
		this.topics.subscribe(bob, "news");
		this.topics.unsubscribe(alice, "lobby");
		assertThat(this.relay.changes).containsExactly("+lobby", "+news");
		this.tracked.onClose(bob, CloseStatus.NORMAL);
		assertThat(this.relay.changes).containsExactly("+lobby", "+news", "-lobby", "-news");
		this.topics.subscribe(alice, "lobby");
		this.topics.unsubscribe(alice, "lobby");
		assertThat(this.relay.changes).containsExactly("+lobby", "+news", "-lobby", "-news", "+lobby", "-lobby");
	}

	@Test
	void theRelayIsToldWithNoLockOfTheTopicsHeld() {
		FakeSubscriber alice = new FakeSubscriber();
		AtomicReference<DefaultWsTopics> topics = new AtomicReference<>();
		List<Object> seenFromAnotherThread = new CopyOnWriteArrayList<>();
		WsTopicRelay probing = new WsTopicRelay() {

			@Override
			public void relay(String topic, PreparedMessage message) {
			}

			@Override
			public void nodeSubscribed(String topic) {
				// Each of these waits for a lock it takes: the topic's, or the session's.
				seenFromAnotherThread.add(fromAnotherThread(() -> topics.get().subscribers(topic)));
				seenFromAnotherThread.add(fromAnotherThread(() -> topics.get().topicsOf(alice)));
				seenFromAnotherThread.add(fromAnotherThread(() -> topics.get().publish(topic, "probe")));
			}

			@Override
			public void nodeUnsubscribed(String topic) {
				seenFromAnotherThread.add(fromAnotherThread(() -> topics.get().unsubscribe(alice, "other")));
			}

		};
		topics.set(new DefaultWsTopics(WsMessageEncoder.STANDARD, (topic) -> SlowSubscriberPolicy.DEFAULT, probing));
		topics.get().subscribe(alice, "lobby");
		topics.get().unsubscribe(alice, "lobby");
		assertThat(seenFromAnotherThread).containsExactly(List.of(alice), Set.of("lobby"), 1, false);
	}

	@Test
	void aRelayThatFailsOnOneChangeIsStillToldTheNext() {
		List<String> told = new CopyOnWriteArrayList<>();
		WsTopicRelay failing = new WsTopicRelay() {

			@Override
			public void relay(String topic, PreparedMessage message) {
			}

			@Override
			public void nodeSubscribed(String topic) {
				told.add(topic);
				if (topic.equals("bad")) {
					throw new IllegalStateException("Relay failed on purpose");
				}
			}

		};
		DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD,
				(topic) -> SlowSubscriberPolicy.DEFAULT, failing);
		FakeSubscriber alice = new FakeSubscriber();
		assertThat(topics.subscribe(alice, "bad")).isTrue();
		assertThat(topics.subscribe(alice, "good")).isTrue();
		assertThat(told).containsExactly("bad", "good");
	}

	@Test
	void underRacesEachTopicIsToldOfEveryChangeOnceInOrderAndOneCallAtATime() throws Exception {
		String[] names = { "a", "b", "c" };
		// A topic is made once per first subscriber: asking for its policy counts them.
		Map<String, AtomicInteger> made = new ConcurrentHashMap<>();
		DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD, (topic) -> {
			made.computeIfAbsent(topic, (key) -> new AtomicInteger()).incrementAndGet();
			return SlowSubscriberPolicy.DEFAULT;
		}, this.relay);
		WsHandler tracked = topics.tracking(new EchoHandler());
		int threads = 4;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				long seed = t;
				runs.add(pool.submit(() -> {
					Random random = new Random(seed);
					QuietSession session = new QuietSession();
					start.await();
					for (int i = 0; i < 20_000; i++) {
						String name = names[random.nextInt(names.length)];
						switch (random.nextInt(5)) {
							case 0, 1 -> topics.subscribe(session, name);
							case 2 -> topics.unsubscribe(session, name);
							case 3 -> topics.publish(name, "x");
							default -> {
								tracked.onClose(session, CloseStatus.NORMAL);
								session = new QuietSession();
							}
						}
					}
					return null;
				}));
			}
			for (Future<?> run : runs) {
				run.get(TestWsServer.AWAIT.toSeconds() * 3, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.relay.overlappingCalls).hasValue(0);
		for (String name : names) {
			List<String> told = this.relay.changes.stream().filter((change) -> change.substring(1).equals(name)).toList();
			for (int i = 0; i < told.size(); i++) {
				assertThat(told.get(i)).as("change %d of topic %s", i, name).isEqualTo(((i % 2 == 0) ? "+" : "-") + name);
			}
			boolean subscribedNow = topics.subscriberCount(name) > 0;
			int firsts = made.getOrDefault(name, new AtomicInteger()).get();
			assertThat(told).as("changes of topic %s", name).hasSize(2 * firsts - (subscribedNow ? 1 : 0));
		}
	}

	private static <T> T fromAnotherThread(Supplier<T> action) {
		try {
			return CompletableFuture.supplyAsync(action).get(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("Blocked by a lock the relay's caller holds", ex);
		}
	}

	/** A session that may be sent to from many threads at once and keeps nothing. */
	static class QuietSession extends FakeWsSession {

		@Override
		public SendResult send(PreparedMessage message) {
			return SendResult.QUEUED;
		}

	}

	/** What a publish handed the relay. */
	record Relayed(String topic, PreparedMessage message) {
	}

	/** Records what it is told: {@code +topic} for a first subscriber, {@code -topic} for the last leaving. */
	static class RecordingRelay implements WsTopicRelay {

		final List<Relayed> relayed = new CopyOnWriteArrayList<>();

		final List<String> changes = Collections.synchronizedList(new ArrayList<>());

		final AtomicInteger overlappingCalls = new AtomicInteger();

		private final AtomicInteger inCall = new AtomicInteger();

		@Override
		public void relay(String topic, PreparedMessage message) {
			this.relayed.add(new Relayed(topic, message));
		}

		@Override
		public void nodeSubscribed(String topic) {
			told("+" + topic);
		}

		@Override
		public void nodeUnsubscribed(String topic) {
			told("-" + topic);
		}

		private void told(String change) {
			if (this.inCall.incrementAndGet() != 1) {
				this.overlappingCalls.incrementAndGet();
			}
			this.changes.add(change);
			Thread.yield();
			this.inCall.decrementAndGet();
		}

	}

}
