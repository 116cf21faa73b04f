package dev.wsboot.server.nio;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SessionTable}: sessions found by id, each in once, probe chains intact
 * across removals and rebuilds, and readers that need no lock while writers work.
 */
class SessionTableTests {

	private final SessionTable<Session> table = new SessionTable<>(Session::id);

	@Test
	void findsAnAddedSessionByItsIdUntilItIsRemoved() {
		Session session = new Session(42);
		assertThat(this.table.add(session)).isTrue();
		assertThat(this.table.find(42)).isSameAs(session);
		assertThat(this.table.find(43)).isNull();
		assertThat(this.table.size()).isEqualTo(1);
		assertThat(this.table.remove(session)).isTrue();
		assertThat(this.table.find(42)).isNull();
		assertThat(this.table.size()).isZero();
		assertThat(this.table).isEmpty();
	}

	@Test
	void removingASessionAnswersTrueOnlyWhileItIsIn() {
		Session session = new Session(7);
		assertThat(this.table.remove(session)).as("never added").isFalse();
		this.table.add(session);
		assertThat(this.table.remove(session)).isTrue();
		assertThat(this.table.remove(session)).as("removed already").isFalse();
		assertThat(this.table.remove(new Session(7))).as("another session of the id").isFalse();
	}

	@Test
	void addingTheSameSessionTwiceKeepsOneEntry() {
		Session session = new Session(1);
		assertThat(this.table.add(session)).isTrue();
		assertThat(this.table.add(session)).isFalse();
		assertThat(this.table.size()).isEqualTo(1);
		assertThat(this.table).containsExactly(session);
	}

	@Test
	void addingASessionAgainBehindATombstoneKeepsOneEntry() {
		long[] ids = idsStartingAtTheSameSlot(2);
		Session first = new Session(ids[0]);
		Session second = new Session(ids[1]);
		this.table.add(first);
		this.table.add(second);
		this.table.remove(first);
		// The tombstone comes first in the probe: the add must still see the session beyond it.
		assertThat(this.table.add(second)).isFalse();
		assertThat(this.table.size()).isEqualTo(1);
		assertThat(this.table).containsExactly(second);
	}

	@Test
	void sessionsFurtherAlongAProbeStayFoundWhenEarlierOnesLeaveAndTheirSlotsAreReused() {
		long[] ids = idsStartingAtTheSameSlot(4);
		Session first = new Session(ids[0]);
		Session second = new Session(ids[1]);
		Session third = new Session(ids[2]);
		this.table.add(first);
		this.table.add(second);
		this.table.add(third);
		this.table.remove(first);
		this.table.remove(second);
		assertThat(this.table.find(ids[2])).isSameAs(third);
		Session fourth = new Session(ids[3]);
		this.table.add(fourth);
		assertThat(this.table.capacity()).as("no rebuild").isEqualTo(SessionTable.MIN_CAPACITY);
		assertThat(this.table.find(ids[2])).isSameAs(third);
		assertThat(this.table.find(ids[3])).isSameAs(fourth);
		assertThat(this.table.find(ids[0])).isNull();
		assertThat(this.table).containsExactlyInAnyOrder(third, fourth);
	}

	@Test
	void iterationSkipsRemovedSessions() {
		List<Session> sessions = sessions(0, 10);
		sessions.forEach(this.table::add);
		this.table.remove(sessions.get(2));
		this.table.remove(sessions.get(5));
		List<Session> expected = new ArrayList<>(sessions);
		expected.remove(5);
		expected.remove(2);
		assertThat(this.table).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void keepsEverySessionThroughManyRebuildsAndGivesTheArrayBackWhenTheyLeave() {
		List<Session> sessions = sessions(1, 10_000);
		sessions.forEach(this.table::add);
		assertThat(this.table.size()).isEqualTo(10_000);
		assertThat(this.table.capacity()).isGreaterThanOrEqualTo(4 * 10_000 / 3);
		assertThat(sessions).allSatisfy((session) -> assertThat(this.table.find(session.id())).isSameAs(session));
		assertThat(this.table).containsExactlyInAnyOrderElementsOf(sessions);
		for (int i = 0; i < sessions.size(); i += 2) {
			assertThat(this.table.remove(sessions.get(i))).isTrue();
		}
		for (int i = 0; i < sessions.size(); i++) {
			assertThat(this.table.find(sessions.get(i).id())).isSameAs((i % 2 == 0) ? null : sessions.get(i));
		}
		assertThat(this.table).hasSize(5_000);
		sessions.forEach(this.table::remove);
		assertThat(this.table.size()).isZero();
		assertThat(this.table.capacity()).isEqualTo(SessionTable.MIN_CAPACITY);
	}

	@Test
	void anIteratorRunsOnThroughChangesAndGivesTheSessionsThatStayedOnce() {
		List<Session> staying = sessions(0, 8);
		List<Session> leaving = sessions(100, 8);
		staying.forEach(this.table::add);
		leaving.forEach(this.table::add);
		Iterator<Session> iterator = this.table.iterator();
		List<Session> seen = new ArrayList<>();
		seen.add(iterator.next());
		sessions(1_000, 100).forEach(this.table::add);
		leaving.forEach(this.table::remove);
		iterator.forEachRemaining(seen::add);
		assertThat(seen).containsAll(staying);
		assertThat(seen).doesNotHaveDuplicates();
		assertThat(this.table).containsAll(staying).doesNotContainAnyElementsOf(leaving);
	}

	@Test
	void readersWithoutTheLockFindAndListEverySessionThatStaysWhileWritersChurn() {
		int stayingCount = 300;
		Session[] staying = sessions(0, stayingCount).toArray(Session[]::new);
		for (Session session : staying) {
			this.table.add(session);
		}
		int writers = 2;
		int readers = 2;
		AtomicInteger writing = new AtomicInteger(writers);
		CyclicBarrier start = new CyclicBarrier(writers + readers);
		ExecutorService threads = Executors.newFixedThreadPool(writers + readers);
		try {
			List<Future<?>> tasks = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				long firstId = 1_000_000L * (writer + 1);
				tasks.add(threads.submit(() -> {
					try {
						start.await();
						churn(firstId);
					}
					finally {
						writing.decrementAndGet();
					}
					return null;
				}));
			}
			for (int reader = 0; reader < readers; reader++) {
				tasks.add(threads.submit(() -> {
					start.await();
					do {
						assertEachListedOnceAndFound(staying);
					}
					while (writing.get() > 0);
					return null;
				}));
			}
			// A bound against a hang only: the work takes well under a second.
			assertThat(tasks).allSatisfy((task) -> assertThat(task).succeedsWithin(Duration.ofMinutes(2)));
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.table.size()).isEqualTo(stayingCount);
		assertThat(this.table).containsExactlyInAnyOrder(staying);
	}

	/**
	 * Adds and removes sessions of its own: a crowd that grows the array, a stream that
	 * leaves tombstones and so rebuilds at the same size, and the crowd leaving, which
	 * shrinks it.
	 */
	private void churn(long firstId) {
		long nextId = firstId;
		for (int round = 0; round < 20; round++) {
			ArrayDeque<Session> passing = new ArrayDeque<>();
			for (int i = 0; i < 2_800; i++) {
				Session session = new Session(nextId++);
				this.table.add(session);
				passing.add(session);
				if (i >= 800) {
					this.table.remove(passing.remove());
				}
			}
			passing.forEach(this.table::remove);
		}
	}

	/** Checks with plain comparisons first: assertions on every entry would slow the readers out of the race. */
	private void assertEachListedOnceAndFound(Session[] staying) {
		int[] listed = new int[staying.length];
		for (Object entry : this.table) {
			if (!(entry instanceof Session session)) {
				throw new AssertionError("listed " + entry);
			}
			if (session.id() < staying.length) {
				listed[(int) session.id()]++;
			}
		}
		for (Session session : staying) {
			int times = listed[(int) session.id()];
			Session found = this.table.find(session.id());
			if (times != 1 || found != session) {
				throw new AssertionError(session + " listed " + times + " times, found as " + found);
			}
		}
	}

	/** Ids whose probes start at the same slot of the smallest array, so that they collide. */
	private static long[] idsStartingAtTheSameSlot(int count) {
		int slot = SessionTable.home(1, SessionTable.MIN_CAPACITY);
		return LongStream.iterate(1, (id) -> id + 1)
			.filter((id) -> SessionTable.home(id, SessionTable.MIN_CAPACITY) == slot)
			.limit(count)
			.toArray();
	}

	private static List<Session> sessions(long firstId, int count) {
		return LongStream.range(firstId, firstId + count).mapToObj(Session::new).toList();
	}

	/** A session reduced to its id; equal to itself alone, like the server's. */
	private static final class Session {

		private final long id;

		Session(long id) {
			this.id = id;
		}

		long id() {
			return this.id;
		}

		@Override
		public String toString() {
			return "Session " + this.id;
		}

	}

}
