package dev.wsboot.demo.rooms;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Puts what happens in one room in one order: joins, lines and departures. The locks are
 * striped, so that no lock is made and dropped with each room; two rooms that share a stripe
 * only wait for each other while messages are queued, which never blocks.
 */
final class RoomLocks {

	private static final int STRIPES = 64;

	private final Lock[] locks = new Lock[STRIPES];

	RoomLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/** Runs an action holding the room's lock. */
	void run(String room, Runnable action) {
		Lock lock = this.locks[Math.floorMod(room.hashCode(), STRIPES)];
		lock.lock();
		try {
			action.run();
		}
		finally {
			lock.unlock();
		}
	}

}
