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
 * array; it is held only while messages are queued, never while they are written.
 */
final class Topic {

	private static final CloseStatus TOO_SLOW = new CloseStatus(CloseCodes.POLICY_VIOLATION,
			"Too slow to keep up with a topic");

	final String name;

	final SlowSubscriberPolicy policy;

	private final ReentrantLock lock = new ReentrantLock();

	private WsSession[] subscribers = new WsSession[4];

	private final Map<WsSession, Integer> indexes = new HashMap<>();

	private volatile int size;

	/** Set when the last subscriber left and the topic was dropped from the map: use a new one. */
	private boolean retired;

	Topic(String name, SlowSubscriberPolicy policy) {
		this.name = name;
		this.policy = policy;
	}

	/** Adds a subscriber; false when this topic was retired and a new one must be made. */
	boolean add(WsSession session) {
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
			}
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Removes a subscriber, the last one filling its place.
	 * @return true when that left the topic empty, which is then retired
	 */
	boolean remove(WsSession session) {
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
	 */
	int publish(PreparedMessage message, @Nullable WsSession excluded, WsTopicRelay relay, TopicCounters counters) {
		this.lock.lock();
		try {
			int queued = deliver(message, excluded, counters);
			relay.relay(this.name, message);
			return queued;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Queues a message for this node's subscribers only. */
	int deliver(PreparedMessage message, TopicCounters counters) {
		this.lock.lock();
		try {
			return deliver(message, null, counters);
		}
		finally {
			this.lock.unlock();
		}
	}

	private int deliver(PreparedMessage message, @Nullable WsSession excluded, TopicCounters counters) {
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
				if (this.policy.action() == SlowSubscriberPolicy.Action.DROP) {
					dropped++;
				}
				else {
					session.close(TOO_SLOW);
					counters.slowClosed.increment();
				}
				continue;
			}
			SendResult result = session.send(message);
			if (result == SendResult.QUEUED) {
				queued++;
			}
			else if (result == SendResult.OVERFLOW) {
				counters.slowClosed.increment();
			}
		}
		counters.publishes.increment();
		counters.deliveries.add(queued);
		if (dropped > 0) {
			counters.dropped.add(dropped);
		}
		return queued;
	}

}
