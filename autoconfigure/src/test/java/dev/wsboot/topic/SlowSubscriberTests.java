package dev.wsboot.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.wsboot.autoconfigure.WsTopicsProperties;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsMessageEncoder;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber that stops reading, on a real connection with a small receive window, while
 * another keeps up: by the policy {@link WsTopicsProperties} gives its topic's name, it is
 * closed with 1008, or misses messages that are counted as dropped, and the server never
 * holds more than the policy's {@code max-buffered} for it. The subscriber that keeps up
 * receives every message either way.
 */
class SlowSubscriberTests {

	private static final int MAX_BUFFERED = 64 * 1024;

	private static final String KIB = "k".repeat(1024);

	/** Far more than the slow subscriber's socket and the server's take before it waits for the peer. */
	private static final int MAX_MESSAGES = 20_000;

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void closePolicyClosesASubscriberThatStopsReadingWith1008AndOthersKeepReceiving(Dispatch dispatch)
			throws Exception {
		try (TopicServer server = TopicServer.start(topicsWithPolicies());
				RawWsClient good = server.subscriber(dispatch, "chat")) {
			WsSession goodSession = server.topics().subscribers("chat").get(0);
			try (RawWsClient slow = stalledSubscriber(server, dispatch, "chat")) {
				WsSession slowSession = other(server.topics().subscribers("chat"), goodSession);
				int published = 0;
				while (server.topics().slowClosed() == 0) {
					assertThat(published).as("messages published before the slow subscriber was closed")
						.isLessThan(MAX_MESSAGES);
					server.topics().publish("chat", published + ":" + KIB);
					good.expectText(published + ":" + KIB);
					assertThat(slowSession.bufferedAmount()).isLessThanOrEqualTo(MAX_BUFFERED + KIB.length());
					published++;
				}
				assertThat(slowSession.isOpen()).isFalse();
				server.topics().publish("chat", "after");
				good.expectText("after");

				// The slow one reads at last: the messages queued for it in order, then the close.
				ServerFrame frame = slow.readFrame();
				int received = 0;
				while (!frame.isClose()) {
					assertThat(frame.text()).isEqualTo(received + ":" + KIB);
					received++;
					frame = slow.readFrame();
				}
				assertThat(received).isPositive().isLessThan(published);
				assertThat(frame.closeCode()).isEqualTo(CloseCodes.POLICY_VIOLATION);
				assertThat(frame.closeReason()).isEqualTo("Too slow to keep up with a topic");
				slow.sendClose(CloseCodes.POLICY_VIOLATION);
				slow.expectEof();
			}
			server.awaitSubscribers("chat", 1);
			assertThat(server.topics().slowClosed()).isEqualTo(1);
			assertThat(server.topics().dropped()).isZero();
			server.topics().publish("chat", "still served");
			good.expectText("still served");
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void dropPolicyKeepsASubscriberThatStopsReadingAndCountsWhatItMisses(Dispatch dispatch) throws Exception {
		try (TopicServer server = TopicServer.start(topicsWithPolicies());
				RawWsClient good = server.subscriber(dispatch, "prices.acme")) {
			WsSession goodSession = server.topics().subscribers("prices.acme").get(0);
			try (RawWsClient slow = stalledSubscriber(server, dispatch, "prices.acme")) {
				WsSession slowSession = other(server.topics().subscribers("prices.acme"), goodSession);
				int published = 0;
				int afterFirstDrop = 20;
				while (server.topics().dropped() == 0 || afterFirstDrop-- > 0) {
					assertThat(published).as("messages published before one was dropped").isLessThan(MAX_MESSAGES);
					server.topics().publish("prices.acme", published + ":" + KIB);
					good.expectText(published + ":" + KIB);
					assertThat(slowSession.bufferedAmount()).isLessThanOrEqualTo(MAX_BUFFERED + KIB.length());
					published++;
				}
				assertThat(slowSession.isOpen()).isTrue();

				// The slow one reads at last. Once nothing waits for it, it gets the next message.
				CompletableFuture<List<String>> drained = CompletableFuture.supplyAsync(() -> readUntil(slow, "end"));
				TestWsServer.eventually().until(() -> slowSession.bufferedAmount() == 0);
				assertThat(server.topics().publish("prices.acme", "end")).isEqualTo(2);
				good.expectText("end");
				List<String> received = drained.get(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
				received.remove("end");
				int previous = -1;
				for (String text : received) {
					int n = Integer.parseInt(text.substring(0, text.indexOf(':')));
					assertThat(n).as("a message after %d", previous).isGreaterThan(previous);
					previous = n;
				}
				assertThat(received).hasSizeLessThan(published);
				// What it did not get was dropped, and counted: nothing else is lost.
				assertThat(server.topics().dropped()).isEqualTo(published - received.size());
				assertThat(server.topics().slowClosed()).isZero();
				assertThat(server.topics().subscriberCount("prices.acme")).isEqualTo(2);
				assertThat(slowSession.isOpen()).isTrue();
			}
		}
	}

	/** Topics of {@code prices.*} drop, others close; both at {@value #MAX_BUFFERED} bytes waiting. */
	private static DefaultWsTopics topicsWithPolicies() {
		WsTopicsProperties properties = new WsTopicsProperties();
		properties.setMaxBuffered(DataSize.ofBytes(MAX_BUFFERED));
		WsTopicsProperties.Policy prices = new WsTopicsProperties.Policy();
		prices.setSlowSubscriber(SlowSubscriberPolicy.Action.DROP);
		properties.getPolicies().put("prices.*", prices);
		return new DefaultWsTopics(WsMessageEncoder.STANDARD, properties::policyFor, WsTopicRelay.NONE);
	}

	/** A subscriber with a small receive window that reads nothing after its handshake. */
	private static RawWsClient stalledSubscriber(TopicServer server, Dispatch dispatch, String topic) {
		RawWsClient client = RawWsClient.connect(server.port(), 4096);
		HttpResponse response = client.upgrade(TopicServer.path(dispatch, topic));
		assertThat(response.status()).isEqualTo(101);
		server.awaitSubscribers(topic, 2);
		return client;
	}

	private static WsSession other(List<WsSession> sessions, WsSession known) {
		assertThat(sessions).hasSize(2).contains(known);
		return sessions.get(0).equals(known) ? sessions.get(1) : sessions.get(0);
	}

	private static List<String> readUntil(RawWsClient client, String last) {
		List<String> received = new ArrayList<>();
		String text;
		do {
			ServerFrame frame = client.readFrame();
			assertThat(frame.isClose()).as("closed: %s", frame).isFalse();
			text = frame.text();
			received.add(text);
		}
		while (!text.equals(last));
		return received;
	}

}
