package dev.wsboot.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What subscribers connected to a real server receive from a topic: every publish, once,
 * as the same frame; nothing of what they publish themselves; and the messages of
 * concurrent publishers in each publisher's order and in one interleaving for all of them.
 */
class TopicDeliveryTests {

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void everySubscriberReceivesAPublishAndPublishSaysHowManyItReached(Dispatch dispatch) {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics());
				RawWsClient alice = server.subscriber(dispatch, "lobby");
				RawWsClient bob = server.subscriber(dispatch, "lobby");
				RawWsClient carol = server.subscriber(dispatch, "news")) {
			assertThat(server.topics().publish("lobby", "hello")).isEqualTo(2);
			ServerFrame toAlice = alice.readFrame();
			assertThat(toAlice.text()).isEqualTo("hello");
			assertThat(bob.readFrame()).isEqualTo(toAlice);
			assertThat(server.topics().publish("news", "other topic")).isEqualTo(1);
			carol.expectText("other topic");
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void publishExceptReachesEveryoneButTheSender(Dispatch dispatch) {
		try (TopicServer server = TopicServer.start(new DefaultWsTopics());
				RawWsClient sender = server.subscriber(dispatch, "lobby");
				RawWsClient other = server.subscriber(dispatch, "lobby");
				RawWsClient another = server.subscriber(dispatch, "lobby")) {
			// The server publishes what a session sends to the others of its topic.
			sender.sendText("said by the sender");
			other.expectText("said by the sender");
			another.expectText("said by the sender");
			server.topics().publish("lobby", "to everyone");
			// The first frame the sender gets: it never got its own message.
			sender.expectText("to everyone");
			other.expectText("to everyone");
		}
	}

	@Test
	void concurrentPublishersKeepTheirOrderAndEverySubscriberSeesOneInterleaving() throws Exception {
		int publishers = 4;
		int perPublisher = 500;
		try (TopicServer server = TopicServer.start(new DefaultWsTopics(), (factory) -> factory.setIoThreads(2))) {
			List<RawWsClient> subscribers = new ArrayList<>();
			try {
				for (int i = 0; i < 4; i++) {
					subscribers.add(server.subscriber((i % 2 == 0) ? Dispatch.WORKER : Dispatch.INLINE, "ticks"));
				}
				CyclicBarrier start = new CyclicBarrier(publishers);
				ExecutorService pool = Executors.newFixedThreadPool(publishers);
				try {
					List<Future<?>> runs = new ArrayList<>();
					for (int p = 0; p < publishers; p++) {
						String publisher = "p" + p;
						runs.add(pool.submit(() -> {
							start.await();
							for (int n = 0; n < perPublisher; n++) {
								server.topics().publish("ticks", publisher + ":" + n);
							}
							return null;
						}));
					}
					for (Future<?> run : runs) {
						run.get(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS);
					}
				}
				finally {
					pool.shutdownNow();
				}
				assertOrderedAndAlike(subscribers, publishers * perPublisher);
			}
			finally {
				subscribers.forEach(RawWsClient::close);
			}
		}
	}

	@Test
	void sessionsPublishingFromSeveralIoThreadsKeepTheirOrderAndEverySubscriberSeesOneInterleaving() {
		int perPublisher = 300;
		try (TopicServer server = TopicServer.start(new DefaultWsTopics(), (factory) -> factory.setIoThreads(3))) {
			List<RawWsClient> publishers = new ArrayList<>();
			List<RawWsClient> subscribers = new ArrayList<>();
			try {
				// Publishers are subscribers too, on the route whose calls run on the I/O
				// threads: each publishes straight from the thread that reads it, and the
				// sessions on that thread are written to at once, the others through their outbox.
				for (int i = 0; i < 3; i++) {
					publishers.add(server.subscriber(Dispatch.INLINE, "chat"));
				}
				for (int i = 0; i < 3; i++) {
					subscribers.add(server.subscriber((i % 2 == 0) ? Dispatch.WORKER : Dispatch.INLINE, "chat"));
				}
				List<Thread> senders = new ArrayList<>();
				for (int p = 0; p < publishers.size(); p++) {
					RawWsClient publisher = publishers.get(p);
					String name = "p" + p;
					Thread sender = new Thread(() -> {
						for (int n = 0; n < perPublisher; n++) {
							publisher.sendText(name + ":" + n);
						}
					});
					senders.add(sender);
					sender.start();
				}
				assertOrderedAndAlike(subscribers, publishers.size() * perPublisher);
				senders.forEach(this::join);
			}
			finally {
				publishers.forEach(RawWsClient::close);
				subscribers.forEach(RawWsClient::close);
			}
		}
	}

	/**
	 * Reads {@code count} messages from each subscriber and checks that each publisher's come
	 * in the order it published them, and that every subscriber got them in the same order.
	 */
	private static void assertOrderedAndAlike(List<RawWsClient> subscribers, int count) {
		List<String> first = null;
		for (RawWsClient subscriber : subscribers) {
			List<String> received = new ArrayList<>(count);
			Map<String, Integer> nextByPublisher = new HashMap<>();
			for (int i = 0; i < count; i++) {
				String text = subscriber.readFrame().text();
				received.add(text);
				String publisher = text.substring(0, text.indexOf(':'));
				int n = Integer.parseInt(text.substring(text.indexOf(':') + 1));
				int expected = nextByPublisher.getOrDefault(publisher, 0);
				assertThat(n).as("message %d from %s to %s", i, publisher, subscriber).isEqualTo(expected);
				nextByPublisher.put(publisher, expected + 1);
			}
			if (first == null) {
				first = received;
			}
			else {
				assertThat(received).as("the order %s received in", subscriber).isEqualTo(first);
			}
		}
	}

	private void join(Thread thread) {
		try {
			thread.join(TestWsServer.AWAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(thread.isAlive()).as("%s still sending", thread).isFalse();
	}

}
