package dev.wsboot.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.EchoHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DefaultWsTopics} with sessions that have no connection: who is subscribed
 * to what, what a publish reaches, and what a slow subscriber gets by its topic's policy.
 * Wire behaviour is in {@link TopicDeliveryTests}, {@link SlowSubscriberTests} and
 * {@link TopicMembershipLifecycleTests}.
 */
class DefaultWsTopicsTests {

	private final DefaultWsTopics topics = new DefaultWsTopics();

	private final WsHandler tracked = this.topics.tracking(new EchoHandler());

	@Test
	void subscribingListsTheSessionsTopicsAndTheTopicsSubscribers() {
		FakeSubscriber alice = new FakeSubscriber();
		FakeSubscriber bob = new FakeSubscriber();
		assertThat(this.topics.subscribe(alice, "lobby")).isTrue();
		assertThat(this.topics.subscribe(alice, "news")).isTrue();
		assertThat(this.topics.subscribe(bob, "lobby")).isTrue();
		assertThat(this.topics.topicsOf(alice)).containsExactly("lobby", "news");
		assertThat(this.topics.topicsOf(bob)).containsExactly("lobby");
		assertThat(this.topics.subscribers("lobby")).containsExactlyInAnyOrder(alice, bob);
		assertThat(this.topics.subscribers("news")).containsExactly(alice);
		assertThat(this.topics.subscriberCount("lobby")).isEqualTo(2);
		assertThat(this.topics.subscriberCount("news")).isEqualTo(1);
		assertThat(this.topics.topics()).containsExactlyInAnyOrder("lobby", "news");
	}

	@Test
	void aTopicNobodySubscribedToHasNoSubscribers() {
		assertThat(this.topics.subscribers("nobody")).isEmpty();
		assertThat(this.topics.subscriberCount("nobody")).isZero();
		assertThat(this.topics.topics()).isEmpty();
		assertThat(this.topics.topicsOf(new FakeSubscriber())).isEmpty();
	}

	@Test
	void subscribingTwiceToATopicSubscribesOnce() {
		FakeSubscriber alice = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		assertThat(this.topics.subscribe(alice, "lobby")).isFalse();
		assertThat(this.topics.subscriberCount("lobby")).isEqualTo(1);
		assertThat(this.topics.publish("lobby", "once")).isEqualTo(1);
		assertThat(alice.sent()).hasSize(1);
	}

	@Test
	void unsubscribingEndsOneSubscriptionAndSaysWhetherThereWasOne() {
		FakeSubscriber alice = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		this.topics.subscribe(alice, "news");
		assertThat(this.topics.unsubscribe(alice, "lobby")).isTrue();
		assertThat(this.topics.unsubscribe(alice, "lobby")).isFalse();
		assertThat(this.topics.unsubscribe(alice, "never")).isFalse();
		assertThat(this.topics.unsubscribe(new FakeSubscriber(), "news")).isFalse();
		assertThat(this.topics.topicsOf(alice)).containsExactly("news");
		assertThat(this.topics.publish("lobby", "gone")).isZero();
		assertThat(alice.sent()).isEmpty();
	}

	@Test
	void aTopicIsGoneWithItsLastSubscriberAndMadeAgainByTheNext() {
		FakeSubscriber alice = new FakeSubscriber();
		FakeSubscriber bob = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		this.topics.subscribe(bob, "lobby");
		this.topics.unsubscribe(alice, "lobby");
		assertThat(this.topics.topics()).containsExactly("lobby");
		this.topics.unsubscribe(bob, "lobby");
		assertThat(this.topics.topics()).isEmpty();
		assertThat(this.topics.topicCount()).isZero();
		this.topics.subscribe(alice, "lobby");
		assertThat(this.topics.subscribers("lobby")).containsExactly(alice);
		assertThat(this.topics.publish("lobby", "again")).isEqualTo(1);
	}

	@Test
	void aClosedSessionCannotSubscribe() {
		FakeSubscriber closed = new FakeSubscriber();
		closed.close();
		assertThat(this.topics.subscribe(closed, "lobby")).isFalse();
		assertThat(this.topics.topics()).isEmpty();
	}

	@Test
	void aSessionLeavesEveryTopicAfterItsOnCloseWhichStillSeesThem() {
		FakeSubscriber alice = new FakeSubscriber();
		List<String> seenInOnClose = new ArrayList<>();
		WsHandler tracked = this.topics.tracking(new EchoHandler() {

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				seenInOnClose.addAll(DefaultWsTopicsTests.this.topics.topicsOf(session));
			}

		});
		this.topics.subscribe(alice, "lobby");
		this.topics.subscribe(alice, "news");
		tracked.onClose(alice, CloseStatus.NORMAL);
		assertThat(seenInOnClose).containsExactly("lobby", "news");
		assertThat(this.topics.topicsOf(alice)).isEmpty();
		assertThat(this.topics.topics()).isEmpty();
	}

	@Test
	void aSessionLeavesItsTopicsEvenWhenItsOnCloseThrows() {
		FakeSubscriber alice = new FakeSubscriber();
		WsHandler tracked = this.topics.tracking(new EchoHandler() {

			@Override
			public void onClose(WsSession session, CloseStatus status) {
				throw new IllegalStateException("onClose failed on purpose");
			}

		});
		this.topics.subscribe(alice, "lobby");
		assertThatIllegalStateException().isThrownBy(() -> tracked.onClose(alice, CloseStatus.NORMAL));
		assertThat(this.topics.subscriberCount("lobby")).isZero();
	}

	@Test
	void aSessionThatFinishedCannotSubscribeEvenWhileItStillLooksOpen() {
		// A subscribe on another thread racing with the end of the session: isOpen() may
		// still say true while onClose runs on the I/O thread.
		FakeSubscriber subscribed = new FakeSubscriber();
		FakeSubscriber neverSubscribed = new FakeSubscriber();
		this.topics.subscribe(subscribed, "lobby");
		this.tracked.onClose(subscribed, CloseStatus.NORMAL);
		this.tracked.onClose(neverSubscribed, CloseStatus.NORMAL);
		assertThat(subscribed.isOpen()).isTrue();
		assertThat(this.topics.subscribe(subscribed, "lobby")).isFalse();
		assertThat(this.topics.subscribe(neverSubscribed, "lobby")).isFalse();
		assertThat(this.topics.topics()).isEmpty();
	}

	@Test
	void publishEncodesOnceAndSendsTheSameMessageToEverySubscriber() {
		AtomicInteger encodings = new AtomicInteger();
		WsMessageEncoder counting = (message) -> {
			encodings.incrementAndGet();
			return WsMessageEncoder.STANDARD.encode(message);
		};
		DefaultWsTopics topics = new DefaultWsTopics(counting, (topic) -> SlowSubscriberPolicy.DEFAULT,
				WsTopicRelay.NONE);
		List<FakeSubscriber> subscribers = List.of(new FakeSubscriber(), new FakeSubscriber(), new FakeSubscriber());
		subscribers.forEach((subscriber) -> topics.subscribe(subscriber, "lobby"));
		assertThat(topics.publish("lobby", "hello")).isEqualTo(3);
		assertThat(encodings).hasValue(1);
		PreparedMessage sent = (PreparedMessage) subscribers.get(0).sent().get(0);
		assertThat(sent.isText()).isTrue();
		assertThat(sent.payload()).asString().isEqualTo("hello");
		assertThat(subscribers).allSatisfy((subscriber) -> assertThat(subscriber.sent()).singleElement().isSameAs(sent));
	}

	@Test
	void publishExceptSkipsTheExcludedSession() {
		FakeSubscriber sender = new FakeSubscriber();
		FakeSubscriber other = new FakeSubscriber();
		FakeSubscriber another = new FakeSubscriber();
		List.of(sender, other, another).forEach((session) -> this.topics.subscribe(session, "lobby"));
		assertThat(this.topics.publishExcept("lobby", "hi", sender)).isEqualTo(2);
		assertThat(sender.sent()).isEmpty();
		assertThat(other.sent()).hasSize(1);
		assertThat(another.sent()).hasSize(1);
		assertThat(this.topics.publishExcept("lobby", "to all", new FakeSubscriber())).isEqualTo(3);
	}

	@Test
	void publishCountsTheSubscribersItWasQueuedFor() {
		FakeSubscriber open = new FakeSubscriber();
		FakeSubscriber closing = new FakeSubscriber();
		this.topics.subscribe(open, "lobby");
		this.topics.subscribe(closing, "lobby");
		closing.close();
		// Closing, not finished yet: still a subscriber, but nothing is queued for it.
		assertThat(this.topics.subscriberCount("lobby")).isEqualTo(2);
		assertThat(this.topics.publish("lobby", "hello")).isEqualTo(1);
		assertThat(this.topics.deliveries()).isEqualTo(1);
	}

	@Test
	void publishingToATopicWithoutSubscribersReachesNobodyAndIsCounted() {
		assertThat(this.topics.publish("empty", "hello")).isZero();
		assertThat(this.topics.publishes()).isEqualTo(1);
		assertThat(this.topics.deliveries()).isZero();
		assertThat(this.topics.topics()).isEmpty();
	}

	@Test
	void publishingWhatNoEncoderWritesFailsBeforeAnythingIsSent() {
		FakeSubscriber alice = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		assertThatIllegalArgumentException().isThrownBy(() -> this.topics.publish("lobby", new Object()));
		assertThat(alice.sent()).isEmpty();
		assertThat(this.topics.publishes()).isZero();
	}

	@Test
	void closePolicyClosesASubscriberWithMoreThanMaxBufferedWaitingWith1008() {
		DefaultWsTopics topics = withPolicy(SlowSubscriberPolicy.Action.CLOSE, 100);
		FakeSubscriber quick = new FakeSubscriber().buffering(10);
		FakeSubscriber slow = new FakeSubscriber().buffering(95);
		topics.subscribe(quick, "chat");
		topics.subscribe(slow, "chat");
		assertThat(topics.publish("chat", "0123456789")).isEqualTo(1);
		assertThat(quick.sent()).hasSize(1);
		assertThat(slow.sent()).isEmpty();
		assertThat(slow.closeStatus()).isNotNull()
			.satisfies((status) -> assertThat(status.code()).isEqualTo(CloseCodes.POLICY_VIOLATION));
		assertThat(topics.slowClosed()).isEqualTo(1);
		assertThat(topics.dropped()).isZero();
		// Closing, it is neither closed nor counted again by the next publishes.
		topics.publish("chat", "0123456789");
		assertThat(topics.slowClosed()).isEqualTo(1);
	}

	@Test
	void dropPolicySkipsASubscriberWithMoreThanMaxBufferedWaitingAndCountsTheDrop() {
		DefaultWsTopics topics = withPolicy(SlowSubscriberPolicy.Action.DROP, 100);
		FakeSubscriber quick = new FakeSubscriber();
		FakeSubscriber slow = new FakeSubscriber().buffering(95);
		topics.subscribe(quick, "prices");
		topics.subscribe(slow, "prices");
		assertThat(topics.publish("prices", "0123456789")).isEqualTo(1);
		assertThat(topics.publish("prices", "0123456789")).isEqualTo(1);
		assertThat(slow.sent()).isEmpty();
		assertThat(slow.isOpen()).isTrue();
		assertThat(topics.dropped()).isEqualTo(2);
		assertThat(topics.slowClosed()).isZero();
		slow.buffering(0);
		assertThat(topics.publish("prices", "0123456789")).isEqualTo(2);
		assertThat(slow.sent()).hasSize(1);
	}

	@Test
	void aSubscriberWithNothingWaitingGetsAMessageLargerThanMaxBuffered() {
		DefaultWsTopics topics = withPolicy(SlowSubscriberPolicy.Action.CLOSE, 4);
		FakeSubscriber idle = new FakeSubscriber();
		topics.subscribe(idle, "chat");
		assertThat(topics.publish("chat", "longer than four bytes")).isEqualTo(1);
		assertThat(idle.closeStatus()).isNull();
	}

	@Test
	void aSlowSubscriberOfTwoTopicsIsCountedAsClosedOnce() {
		DefaultWsTopics topics = withPolicy(SlowSubscriberPolicy.Action.CLOSE, 100);
		FakeSubscriber slow = new FakeSubscriber() {

			@Override
			public boolean isOpen() {
				// Still open for the second topic, as when two publishes find it slow at once.
				return true;
			}

		}.buffering(1000);
		topics.subscribe(slow, "chat");
		topics.subscribe(slow, "news");
		topics.publish("chat", "hello");
		topics.publish("news", "hello");
		assertThat(topics.slowClosed()).isEqualTo(1);
	}

	@Test
	void eachTopicHasThePolicyGivenForItsName() {
		List<String> asked = new ArrayList<>();
		DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD, (name) -> {
			asked.add(name);
			return new SlowSubscriberPolicy(
					name.startsWith("prices.") ? SlowSubscriberPolicy.Action.DROP : SlowSubscriberPolicy.Action.CLOSE,
					100);
		}, WsTopicRelay.NONE);
		FakeSubscriber slow = new FakeSubscriber().buffering(1000);
		topics.subscribe(slow, "prices.acme");
		topics.subscribe(slow, "chat");
		topics.publish("prices.acme", "12.5");
		assertThat(slow.closeStatus()).isNull();
		assertThat(topics.dropped()).isEqualTo(1);
		topics.publish("chat", "hello");
		assertThat(slow.closeStatus()).isNotNull();
		assertThat(asked).containsExactly("prices.acme", "chat");
	}

	@Test
	void statisticsCountTopicsSubscriptionsPublishesAndDeliveries() {
		FakeSubscriber alice = new FakeSubscriber();
		FakeSubscriber bob = new FakeSubscriber();
		this.topics.subscribe(alice, "lobby");
		this.topics.subscribe(bob, "lobby");
		this.topics.subscribe(alice, "news");
		assertThat(this.topics.topicCount()).isEqualTo(2);
		assertThat(this.topics.subscriptionCount()).isEqualTo(3);
		this.topics.publish("lobby", "one");
		this.topics.publish("news", "two");
		this.topics.publish("empty", "three");
		assertThat(this.topics.statistics().publishes()).isEqualTo(3);
		assertThat(this.topics.statistics().deliveries()).isEqualTo(3);
		this.tracked.onClose(alice, CloseStatus.NORMAL);
		assertThat(this.topics.topicCount()).isEqualTo(1);
		assertThat(this.topics.subscriptionCount()).isEqualTo(1);
	}

	private static DefaultWsTopics withPolicy(SlowSubscriberPolicy.Action action, long maxBuffered) {
		SlowSubscriberPolicy policy = new SlowSubscriberPolicy(action, maxBuffered);
		return new DefaultWsTopics(WsMessageEncoder.STANDARD, (topic) -> policy, WsTopicRelay.NONE);
	}

}
