package dev.wsboot.test.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.AssertProvider;

/**
 * The publishes to topics since the test began, in the order they were made: the test kit's
 * view of {@link dev.wsboot.topic.WsTopics}, to assert that a publish reached a topic's
 * subscribers, and not another topic's, without a client per subscriber, in the spirit of
 * Phoenix's {@code assert_broadcast}. Inject it in a {@code @SpringBootTest} or
 * {@code @WsEndpointTest}; {@code assertThat(publishes)} gives a {@link WsPublishesAssert}.
 *
 * <pre class="code">
 * alice.sendJson(new Say("hi"));
 * assertThat(publishes).published("lobby").hasMessage(new Said("lobby", "alice", "hi")).reached(alice, bob);
 * assertThat(publishes).publishedNothingTo("kitchen");
 * </pre>
 *
 * <p>Like a mailbox, each assertion on a publish takes the next one to its topic; what no
 * assertion took stays for {@link #expectNoMore()}. Cleared before each test. Publishes
 * from another node ({@code deliver}) are not recorded.
 */
public final class WsPublishes implements AssertProvider<WsPublishesAssert> {

	private final Duration timeout;

	private final Runnable settle;

	private final List<WsPublish> all = new ArrayList<>();

	private final List<WsPublish> untaken = new ArrayList<>();

	/**
	 * Creates an empty record; the test kit's auto-configuration makes the one a test injects.
	 * @param timeout how long {@link #next} waits for a publish
	 * @param settle waits until the server has handled what the test's sessions sent, before
	 * checking that nothing was published
	 */
	public WsPublishes(Duration timeout, Runnable settle) {
		this.timeout = timeout;
		this.settle = settle;
	}

	/** Every publish recorded, taken or not, oldest first. */
	public synchronized List<WsPublish> all() {
		return List.copyOf(this.all);
	}

	/** Every publish recorded to a topic, taken or not, oldest first. */
	public synchronized List<WsPublish> to(String topic) {
		return this.all.stream().filter((publish) -> publish.topic().equals(topic)).toList();
	}

	/** Forgets every publish. */
	public synchronized void clear() {
		this.all.clear();
		this.untaken.clear();
	}

	/**
	 * Takes the next publish to {@code topic}, waiting up to the timeout for it.
	 * @throws AssertionError when none comes, listing what was published instead
	 */
	public WsPublish next(String topic) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		synchronized (this) {
			while (true) {
				for (WsPublish publish : this.untaken) {
					if (publish.topic().equals(topic)) {
						this.untaken.remove(publish);
						return publish;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Expected a publish to \"" + topic + "\" within "
							+ this.timeout.toMillis() + " ms, but " + describeUntaken());
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for a publish to \"" + topic + "\"", ex);
				}
			}
		}
	}

	/**
	 * Checks that nothing was published to {@code topic} that no assertion took, once the
	 * server has handled what the test's sessions sent.
	 * @throws AssertionError naming what was published
	 */
	public void expectNone(String topic) {
		this.settle.run();
		synchronized (this) {
			List<WsPublish> found = this.untaken.stream().filter((publish) -> publish.topic().equals(topic)).toList();
			if (!found.isEmpty()) {
				throw new AssertionError("Expected no publish to \"" + topic + "\", but found:" + describe(found));
			}
		}
	}

	/**
	 * Checks that nothing was published that no assertion took, once the server has handled
	 * what the test's sessions sent.
	 * @throws AssertionError naming what was published
	 */
	public void expectNoMore() {
		this.settle.run();
		synchronized (this) {
			if (!this.untaken.isEmpty()) {
				throw new AssertionError("Expected no more publishes, but found:" + describe(this.untaken));
			}
		}
	}

	/** Records a publish; from the thread that published. */
	synchronized void record(WsPublish publish) {
		this.all.add(publish);
		this.untaken.add(publish);
		notifyAll();
	}

	/** Assertions on these publishes; the entry point {@code Assertions.assertThat(publishes)} calls. */
	@Override
	public WsPublishesAssert assertThat() {
		return new WsPublishesAssert(this);
	}

	private String describeUntaken() {
		if (!this.untaken.isEmpty()) {
			return "found only:" + describe(this.untaken);
		}
		return this.all.isEmpty() ? "nothing was published" : "nothing more was published";
	}

	private static String describe(List<WsPublish> publishes) {
		StringBuilder text = new StringBuilder();
		for (WsPublish publish : publishes) {
			text.append("\n  ").append(publish);
		}
		return text.toString();
	}

	@Override
	public synchronized String toString() {
		return "WsPublishes" + describe(this.all);
	}

}
