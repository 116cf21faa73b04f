package dev.wsboot.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Finds messages lost between nodes from the sequence each origin gives its messages to a
 * target: a jump past the next number is a gap. The first message seen from an origin for
 * a target is never a gap, since this node may have subscribed after the origin started;
 * a number at or below the last one seen means the origin started over, such as a node
 * restarted with the same id, and is no gap either.
 *
 * <p>Not thread-safe: one thread, the one receiving from the broker, uses it.
 */
public final class SequenceGaps {

	/** Last sequence seen, by target then origin: two lookups, no key made per message. */
	private final Map<String, Map<String, long[]>> lastSeen = new HashMap<>();

	/**
	 * Records a message's sequence.
	 * @return how many messages from this origin to this target were missed just before it
	 */
	public long record(String origin, String target, long sequence) {
		Map<String, long[]> origins = this.lastSeen.computeIfAbsent(target, (key) -> new HashMap<>());
		long[] last = origins.get(origin);
		if (last == null) {
			origins.put(origin, new long[] { sequence });
			return 0;
		}
		long previous = last[0];
		last[0] = sequence;
		return (sequence > previous + 1) ? sequence - previous - 1 : 0;
	}

	/** Forgets a target, such as a topic this node no longer receives. */
	public void forget(String target) {
		this.lastSeen.remove(target);
	}

	/** How many targets are tracked. */
	public int size() {
		return this.lastSeen.size();
	}

}
