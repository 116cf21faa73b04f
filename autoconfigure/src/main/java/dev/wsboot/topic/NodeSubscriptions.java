package dev.wsboot.topic;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link WsTopicRelay} when this node gains the first subscriber of a topic or
 * loses the last, in the order it happened, one call at a time, with no topic lock held.
 *
 * <p>A change is {@link #record recorded} under the lock of the topic it happens to, which
 * orders the changes of one topic even when a retired topic and its successor change at
 * once on two threads; it is told once that lock is released, by {@link #tell}. Whichever
 * thread finds the relay idle tells every change waiting, those of other threads included,
 * so no thread waits for another's call to end.
 */
final class NodeSubscriptions {

	private static final Logger logger = LoggerFactory.getLogger(NodeSubscriptions.class);

	private final WsTopicRelay relay;

	private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

	/** Calls to {@link #tell} not yet accounted for by the thread telling; 0 when none tells. */
	private final AtomicInteger pending = new AtomicInteger();

	NodeSubscriptions(WsTopicRelay relay) {
		this.relay = relay;
	}

	/** A topic gained its first subscriber ({@code subscribed}) or lost its last; under the topic's lock. */
	void record(String topic, boolean subscribed) {
		this.changes.add(new Change(topic, subscribed));
	}

	/** Tells the relay the changes recorded, unless another thread does; call with no lock held. */
	void tell() {
		if (this.changes.isEmpty()) {
			// Ours, if any, was taken by the thread telling.
			return;
		}
		if (this.pending.getAndIncrement() != 0) {
			// The thread telling will look at the queue again before it stops.
			return;
		}
		int missed = 1;
		do {
			for (Change change = this.changes.poll(); change != null; change = this.changes.poll()) {
				tell(change);
			}
			missed = this.pending.addAndGet(-missed);
		}
		while (missed != 0);
	}

	private void tell(Change change) {
		try {
			if (change.subscribed()) {
				this.relay.nodeSubscribed(change.topic());
			}
			else {
				this.relay.nodeUnsubscribed(change.topic());
			}
		}
		catch (Throwable ex) {
			// The next changes must still be told, whatever this one did.
			logger.warn("Topic relay failed on {} of topic '{}'", change.subscribed() ? "the first subscriber"
					: "the last subscriber leaving", change.topic(), ex);
		}
	}

	private record Change(String topic, boolean subscribed) {
	}

}
