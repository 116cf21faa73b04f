package dev.wsboot.server.nio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.ToLongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A concurrent set of sessions, found by their numeric id: the sessions themselves in one
 * open-addressed array, so that a session costs the table a slot and no entry object.
 *
 * <p>Adding and removing take the table's lock: they happen once per handshake and per
 * close. Finding, iterating and counting take none; they read the current array, whose
 * slots writers publish with release writes. To keep that safe, an entry never moves within
 * an array a reader may hold: a removed session leaves a {@link #TOMBSTONE}, so that probes
 * go on past it, and the array is rebuilt into a new one, without tombstones, once live
 * entries and tombstones fill three quarters of it. Iteration is weakly consistent: a
 * session there for the whole iteration comes once, one added or removed meanwhile may or
 * may not.
 *
 * @param <S> the type of the sessions
 */
final class SessionTable<S> implements Iterable<S> {

	/** The smallest array, which a path keeps even while it has no session. */
	static final int MIN_CAPACITY = 16;

	/** What a removed session leaves in its slot while the array is published. */
	private static final Object TOMBSTONE = new Object();

	private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

	/** Spreads sequential ids over the whole array: Fibonacci hashing by 2^64 / phi. */
	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	private final ToLongFunction<? super S> idOf;

	/** The current array, whose length is a power of two; replaced, never resized. */
	private volatile Object[] slots = new Object[MIN_CAPACITY];

	private volatile int size;

	/** Slots that are not null: live entries and tombstones. Guarded by the lock. */
	private int used;

	/**
	 * @param idOf the numeric id of a session, the same for its whole life
	 */
	SessionTable(ToLongFunction<? super S> idOf) {
		this.idOf = idOf;
	}

	/**
	 * Adds the session unless it is in already.
	 * @return whether the table changed
	 */
	synchronized boolean add(S session) {
		Object[] slots = this.slots;
		int mask = slots.length - 1;
		int free = -1;
		int index = home(this.idOf.applyAsLong(session), slots.length);
		// Writers alone write slots, under this lock: plain reads see every write.
		for (Object entry; (entry = slots[index]) != null; index = (index + 1) & mask) {
			if (entry == session) {
				return false;
			}
			if (entry == TOMBSTONE && free < 0) {
				free = index;
			}
		}
		if (free >= 0) {
			SLOT.setRelease(slots, free, session);
		}
		else if ((this.used + 1) * 4L > slots.length * 3L) {
			rebuild(this.size + 1);
			insert(this.slots, session);
			this.used = this.size + 1;
		}
		else {
			SLOT.setRelease(slots, index, session);
			this.used++;
		}
		this.size++;
		return true;
	}

	/**
	 * Removes the session if it is in.
	 * @return whether it was in: of two removals of a session, only one answers true
	 */
	synchronized boolean remove(S session) {
		Object[] slots = this.slots;
		int mask = slots.length - 1;
		for (int index = home(this.idOf.applyAsLong(session), slots.length);; index = (index + 1) & mask) {
			Object entry = slots[index];
			if (entry == null) {
				return false;
			}
			if (entry == session) {
				SLOT.setRelease(slots, index, TOMBSTONE);
				break;
			}
		}
		this.size--;
		// Give back most of an array a crowd left behind.
		if (slots.length > MIN_CAPACITY && this.size * 8L < slots.length) {
			rebuild(this.size);
			this.used = this.size;
		}
		return true;
	}

	/** The session of the id, or {@code null} when none is in. */
	@Nullable S find(long id) {
		Object[] slots = this.slots;
		int mask = slots.length - 1;
		int index = home(id, slots.length);
		// An array is never full, so a probe meets an empty slot; the bound costs nothing anyway.
		for (int probes = 0; probes < slots.length; probes++, index = (index + 1) & mask) {
			Object entry = SLOT.getAcquire(slots, index);
			if (entry == null) {
				return null;
			}
			if (entry != TOMBSTONE && this.idOf.applyAsLong(cast(entry)) == id) {
				return cast(entry);
			}
		}
		return null;
	}

	/** The number of sessions in: exact once no write is under way. */
	int size() {
		return this.size;
	}

	/** The length of the current array, for tests of its growth. */
	int capacity() {
		return this.slots.length;
	}

	/**
	 * The sessions in the array of the moment; never throws on concurrent changes and never
	 * removes.
	 */
	@Override
	public Iterator<S> iterator() {
		return new Entries(this.slots);
	}

	/** The slot an id's probe starts at, in an array of the given power-of-two length. */
	static int home(long id, int capacity) {
		return (int) ((id * GOLDEN) >>> (33 + Integer.numberOfLeadingZeros(capacity)));
	}

	/**
	 * Publishes a new array holding the live entries alone, sized for the given count: at
	 * most half full, so that many adds come before the next rebuild.
	 */
	private void rebuild(int live) {
		Object[] old = this.slots;
		int capacity = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(live, 1) * 2 - 1) << 1);
		Object[] fresh = new Object[capacity];
		for (Object entry : old) {
			if (entry != null && entry != TOMBSTONE) {
				insert(fresh, entry);
			}
		}
		// The volatile write publishes the plain writes above with it.
		this.slots = fresh;
	}

	/** Puts an entry in the first empty slot of its probe; the array has one. */
	private void insert(Object[] slots, Object entry) {
		int mask = slots.length - 1;
		int index = home(this.idOf.applyAsLong(cast(entry)), slots.length);
		while (slots[index] != null) {
			index = (index + 1) & mask;
		}
		SLOT.setRelease(slots, index, entry);
	}

	@SuppressWarnings("unchecked")
	private S cast(Object entry) {
		return (S) entry;
	}

	/** Walks one array slot by slot: entries never move within it, so none comes twice. */
	private final class Entries implements Iterator<S> {

		private final Object[] slots;

		private int index;

		private @Nullable Object next;

		Entries(Object[] slots) {
			this.slots = slots;
		}

		@Override
		public boolean hasNext() {
			while (this.next == null && this.index < this.slots.length) {
				Object entry = SLOT.getAcquire(this.slots, this.index++);
				if (entry != TOMBSTONE) {
					this.next = entry;
				}
			}
			return this.next != null;
		}

		@Override
		public S next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			Object entry = this.next;
			this.next = null;
			return cast(entry);
		}

	}

}
