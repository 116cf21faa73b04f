package dev.wsboot.topic;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;

/**
 * One topic's subscribers, in an array that a publish walks without allocating. A lock
 * serializes publishes, so that every subscriber sees them in one order, and guards the
 * array; it is held while a message is handed to the subscribers' sessions, which queue it
 * without blocking, never while a connection waits to write it.
 *
 * <p>A topic lives from its first subscriber to the moment it has none, then it is retired:
 * the next subscriber makes a new one.
 */
final class Topic {

	/** What a publish returns when the topic was retired: publish to the topic now in the map. */
	static final int RETIRED = -1;

	/** The attribute marking a session closed for not keeping up, so that it counts once. */
	private static final String CLOSED_AS_SLOW = Topic.class.getName() + ".closedAsSlow";

	private static final CloseStatus TOO_SLOW = new CloseStatus(CloseCodes.POLICY_VIOLATION,
			"Too slow to keep up with a topic");

	final String name;

	final SlowSubscriberPolicy policy;

	private final ReentrantLock lock = new ReentrantLock();

	private WsSession[] subscribers = new WsSession[4];

	private final Map<WsSession, Integer> indexes = new HashMap<>();

	private volatile int size;

	/** Set when the last subscriber left: the topic is dropped from the map, use a new one. */
	private boolean retired;

	Topic(String name, SlowSubscriberPolicy policy) {
		this.name = name;
		this.policy = policy;
	}

	/**
	 * Adds a subscriber, recording the change when it is the first.
	 * @return false when this topic was retired and a new one must be made
	 */
	boolean add(WsSession session, NodeSubscriptions changes) {
		this.lock.lock();
		try {
			if (this.retired) {
				return false;
			}
			if (this.indexes.putIfAbsent(session, this.size) == null) {
				if (this.size == this.subscribers.length) {
					this.subscribers = Arrays.copyOf(this.subscribers, this.size * 2);
				}
				this.subscribers[this.size] = session;
				this.size++;
				if (this.size == 1) {
					changes.record(this.name, true);
				}
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Removes a subscriber, the last one filling its place. The topic is retired when that
	 * leaves it empty, and the change recorded: it takes no subscriber again, so that it is
	 * never in use while out of the map, nor the first subscriber of a new one told before
	 * the last of this one left.
	 * @return true when that left the topic empty
	 */
	boolean remove(WsSession session, NodeSubscriptions changes) {
		this.lock.lock();
		try {
			Integer index = this.indexes.remove(session);
			if (index == null) {
				return false;
			}
			int last = this.size - 1;
			if (index != last) {
				WsSession moved = this.subscribers[last];
				this.subscribers[index] = moved;
				this.indexes.put(moved, index);
			}
			this.subscribers[last] = null;
			this.size = last;
			if (last == 0) {
				this.retired = true;
				changes.record(this.name, false);
			}
			return last == 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	int size() {
		return this.size;
	}

	List<WsSession> snapshot() {
		this.lock.lock();
		try {
			return List.of(Arrays.copyOf(this.subscribers, this.size));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Queues a message for every subscriber but {@code excluded}, applying the slow-subscriber
	 * policy, then hands it to the relay while publishes are still serialized.
	 * @return how many subscribers it was queued for, or {@link #RETIRED}
	 */
	int publish(PreparedMessage message, @Nullable WsSession excluded, WsTopicRelay relay, TopicCounters counters) {
		this.lock.lock();
		try {
			if (this.retired) {
				return RETIRED;
			}
			int queued = queue(message, excluded, counters);
			relay.relay(this.name, message);
			return queued;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Queues a message for this node's subscribers only, but {@code excluded}.
	 * @return how many subscribers it was queued for, or {@link #RETIRED}
	 */
	int deliver(PreparedMessage message, @Nullable WsSession excluded, TopicCounters counters) {
		this.lock.lock();
		try {
			return this.retired ? RETIRED : queue(message, excluded, counters);
		}
		finally {
			this.lock.unlock();
		}
	}

	// Sending never calls back into a handler on this thread (the server defers what a send
	// causes, such as the end of a session that overflowed), so holding the lock here cannot
	// see the subscribers change under the loop, nor take a session's membership lock.
	private int queue(PreparedMessage message, @Nullable WsSession excluded, TopicCounters counters) {
		long size = message.payloadLength();
		long maxBuffered = this.policy.maxBuffered();
		WsSession[] sessions = this.subscribers;
		int count = this.size;
		int queued = 0;
		int dropped = 0;
		for (int i = 0; i < count; i++) {
			WsSession session = sessions[i];
			if (session == excluded) {
				continue;
			}
			long buffered = session.bufferedAmount();
			if (buffered > 0 && buffered + size > maxBuffered) {
				if (!session.isOpen()) {
					// Closing already: neither a drop nor a slow subscriber to close.
					continue;
				}
				if (this.policy.action() == SlowSubscriberPolicy.Action.DROP) {
					dropped++;
				}
				else {
					session.close(TOO_SLOW);
					closedAsSlow(session, counters);
				}
				continue;
			}
			SendResult result = session.send(message);
			if (result == SendResult.QUEUED) {
				queued++;
			}
			else if (result == SendResult.OVERFLOW) {
				// Past the server's own outbound limit: the server closed it with 1008.
				closedAsSlow(session, counters);
			}
		}
		counters.publishes.increment();
		counters.deliveries.add(queued);
		if (dropped > 0) {
			counters.dropped.add(dropped);
		}
		return queued;
	}

	/** Counts a subscriber closed for not keeping up, once, whichever of its topics found it slow first. */
	private static void closedAsSlow(WsSession session, TopicCounters counters) {
		if (session.attributes().putIfAbsent(CLOSED_AS_SLOW, Boolean.TRUE) == null) {
			counters.slowClosed.increment();
		}
	}

}
