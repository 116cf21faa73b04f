package dev.wsboot.topic;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link TestWsServer} whose sessions are subscribed to the topic their path names, on
 * {@code /topics/{topic}} with handler calls on workers and {@code /inline/topics/{topic}}
 * on the I/O thread, through the tracking handler the auto-configuration installs. A session
 * publishes what it sends to the other subscribers of its topic, and the close of each is
 * recorded with the topics its {@code onClose} still saw.
 */
final class TopicServer implements AutoCloseable {

	private final DefaultWsTopics topics;

	private final TestWsServer server;

	private final BlockingQueue<Closed> closes = new LinkedBlockingQueue<>();

	private TopicServer(DefaultWsTopics topics, Consumer<NioWsServerFactory> configuration) {
		this.topics = topics;
		WsHandler handler = topics.tracking(new Subscriber());
		this.server = TestWsServer.start(configuration, new WsRoute("/topics/{topic}", handler, List.of(), false),
				new WsRoute("/inline/topics/{topic}", handler, List.of(), true));
	}

	static TopicServer start(DefaultWsTopics topics) {
		return start(topics, (factory) -> {
		});
	}

	static TopicServer start(DefaultWsTopics topics, Consumer<NioWsServerFactory> configuration) {
		return new TopicServer(topics, configuration);
	}

	static String path(Dispatch dispatch, String topic) {
		return ((dispatch == Dispatch.INLINE) ? "/inline/topics/" : "/topics/") + topic;
	}

	DefaultWsTopics topics() {
		return this.topics;
	}

	TestWsServer server() {
		return this.server;
	}

	int port() {
		return this.server.port();
	}

	/** A client subscribed to {@code topic}, once the server has subscribed it. */
	RawWsClient subscriber(Dispatch dispatch, String topic) {
		int before = this.topics.subscriberCount(topic);
		RawWsClient client = RawWsClient.open(port(), path(dispatch, topic));
		awaitSubscribers(topic, before + 1);
		return client;
	}

	void awaitSubscribers(String topic, int count) {
		TestWsServer.eventually().until(() -> this.topics.subscriberCount(topic) == count);
	}

	/** Waits until a topic has no subscriber left and is gone from the topics. */
	void awaitGone(String topic) {
		TestWsServer.eventually()
			.until(() -> this.topics.subscriberCount(topic) == 0 && !this.topics.topics().contains(topic));
	}

	/** The next session to end, with what its {@code onClose} saw. */
	Closed nextClose() throws InterruptedException {
		Closed closed = this.closes.poll(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(closed).as("a session's onClose").isNotNull();
		return closed;
	}

	@Override
	public void close() {
		this.server.close();
	}

	/** What the {@code onClose} of a session saw: its status and its topics. */
	record Closed(int code, Set<String> topics) {
	}

	private final class Subscriber implements WsHandler {

		@Override
		public void onOpen(WsSession session) {
			TopicServer.this.topics.subscribe(session, topic(session));
		}

		@Override
		public void onText(WsSession session, String text) {
			TopicServer.this.topics.publishExcept(topic(session), text, session);
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			TopicServer.this.closes.add(new Closed(status.code(), TopicServer.this.topics.topicsOf(session)));
		}

		private static String topic(WsSession session) {
			return session.pathVariables().get("topic");
		}

	}

}
