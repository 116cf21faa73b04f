package dev.wsboot.topic;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's subscriptions end with it, however it ends, and its {@code onClose} still sees
 * them: after it, the topic has one subscriber fewer, and is gone with its last one.
 */
class TopicMembershipLifecycleTests {

	private static final String KIB = "k".repeat(1024);

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void aClientClosingHandshakeEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics());
				RawWsClient client = server.subscriber(dispatch, "room")) {
			client.sendClose(CloseCodes.NORMAL);
			client.expectCloseThenEof(CloseCodes.NORMAL);
			assertLeftAfterOnClose(server, CloseCodes.NORMAL);
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void aServerSideCloseEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics());
				RawWsClient client = server.subscriber(dispatch, "room")) {
			server.topics().subscribers("room").get(0).close();
			client.expectClose(CloseCodes.NORMAL);
			client.sendClose(CloseCodes.NORMAL);
			client.expectEof();
			assertLeftAfterOnClose(server, CloseCodes.NORMAL);
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void aConnectionClosedWithoutAClosingHandshakeEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics())) {
			server.subscriber(dispatch, "room").close();
			assertLeftAfterOnClose(server, CloseCodes.ABNORMAL);
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void aResetConnectionEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics())) {
			server.subscriber(dispatch, "room").reset();
			assertLeftAfterOnClose(server, CloseCodes.ABNORMAL);
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void anIdleTimeoutEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics(),
				(factory) -> factory.setIdleTimeout(Duration.ofMillis(300)));
				RawWsClient client = server.subscriber(dispatch, "room")) {
			client.expectClose(CloseCodes.GOING_AWAY);
			client.sendClose(CloseCodes.GOING_AWAY);
			client.expectEof();
			assertLeftAfterOnClose(server, CloseCodes.GOING_AWAY);
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void anOutboundOverflowEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		// The topic's own policy would let far more wait: the server's limit acts first.
		DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD,
				(topic) -> new SlowSubscriberPolicy(SlowSubscriberPolicy.Action.CLOSE, 64 * 1024 * 1024),
				WsTopicRelay.NONE);
		try (TopicServer server = TopicServer.start(topics, (factory) -> {
			factory.setMaxOutboundBuffer(64 * 1024);
			factory.setCloseTimeout(Duration.ofMillis(500));
		}); RawWsClient stalled = RawWsClient.connect(server.port(), 4096)) {
			HttpResponse response = stalled.upgrade(TopicServer.path(dispatch, "room"));
			assertThat(response.status()).isEqualTo(101);
			server.awaitSubscribers("room", 1);
			for (int published = 0; topics.slowClosed() == 0; published++) {
				assertThat(published).as("messages published before the overflow").isLessThan(20_000);
				topics.publish("room", KIB);
			}
			assertLeftAfterOnClose(server, CloseCodes.POLICY_VIOLATION);
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void aServerStopEndsTheSubscriptions(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics());
				RawWsClient client = server.subscriber(dispatch, "room")) {
			CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
				client.expectClose(CloseCodes.GOING_AWAY);
				client.sendClose(CloseCodes.GOING_AWAY);
			});
			server.close();
			answered.join();
			assertLeftAfterOnClose(server, CloseCodes.GOING_AWAY);
		}
	}

	@Test
	void aSubscriberOverflowingDuringAPublishFromItsOwnIoThreadLeavesWithoutDisturbingThePublish() throws Exception {
		// One I/O thread serves every session here: a publish by a session on the route whose
		// calls run on it writes to the others at once, and finds the stalled one overflowing.
		// Its session ends, and leaves the topic, after the publish, not in the middle of it.
		DefaultWsTopics topics = new DefaultWsTopics(WsMessageEncoder.STANDARD,
				(topic) -> new SlowSubscriberPolicy(SlowSubscriberPolicy.Action.CLOSE, 64 * 1024 * 1024),
				WsTopicRelay.NONE);
		try (TopicServer server = TopicServer.start(topics, (factory) -> {
			factory.setMaxOutboundBuffer(64 * 1024);
			factory.setCloseTimeout(Duration.ofMillis(500));
		}); RawWsClient stalled = RawWsClient.connect(server.port(), 4096)) {
			stalled.upgrade(TopicServer.path(Dispatch.INLINE, "room"));
			server.awaitSubscribers("room", 1);
			try (RawWsClient good = server.subscriber(Dispatch.INLINE, "room");
					RawWsClient publisher = server.subscriber(Dispatch.INLINE, "room")) {
				int published = 0;
				while (topics.subscriberCount("room") == 3) {
					assertThat(published).as("messages published before the overflow").isLessThan(20_000);
					publisher.sendText(published + ":" + KIB);
					good.expectText(published + ":" + KIB);
					published++;
				}
				assertThat(server.nextClose().code()).isEqualTo(CloseCodes.POLICY_VIOLATION);
				publisher.sendText("after");
				good.expectText("after");
				assertThat(topics.subscriberCount("room")).isEqualTo(2);
			}
		}
	}

	private static void assertLeftAfterOnClose(TopicServer server, int code) throws InterruptedException {
		TopicServer.Closed closed = server.nextClose();
		assertThat(closed.code()).isEqualTo(code);
		assertThat(closed.topics()).as("topics seen by onClose").containsExactly("room");
		server.awaitGone("room");
	}

}
