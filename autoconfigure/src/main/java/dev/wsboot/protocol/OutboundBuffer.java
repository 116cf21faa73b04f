package dev.wsboot.protocol;

import java.nio.ByteBuffer;

/**
 * The bytes waiting to be written to one connection, in order: the frames a
 * {@link ProtocolEngine} produced (and, before it exists, the HTTP answer to the upgrade).
 * The I/O layer pulls them out with {@link #copyTo(ByteBuffer)} and {@link #consume(long)}.
 *
 * <p>It knows where frames begin, so that a connection giving up on a slow reader can drop
 * what is queued without cutting a frame the socket has half taken: the peer would read the
 * bytes that follow as that frame's payload ({@link #dropAllButPartialFrame()}).
 *
 * <p>Not thread-safe: used by the connection's I/O thread only. Holds no array until
 * something is queued, so an idle connection costs nothing here.
 */
public final class OutboundBuffer implements OutboundSink {

	private static final ByteBuffer[] NONE = new ByteBuffer[0];

	private static final boolean[] NO_STARTS = new boolean[0];

	/** A ring; its length is zero or a power of two. */
	private ByteBuffer[] ring = NONE;

	/** Whether the buffer at the same index starts a frame (else it continues the one before). */
	private boolean[] starts = NO_STARTS;

	private int head;

	private int count;

	private long bytes;

	/** Bytes of the head buffer taken by {@link #consume(long)}; buffers may be slices at any offset. */
	private int headConsumed;

	/** This buffer: it is its own sink. */
	@Override
	public OutboundBuffer outboundBuffer() {
		return this;
	}

	/** Appends the first (or only) buffer of a frame; its remaining bytes will be written. */
	public void addFrame(ByteBuffer buffer) {
		add(buffer, true);
	}

	/** Appends a buffer continuing the frame added last, such as a payload kept apart from its header. */
	public void addContinuation(ByteBuffer buffer) {
		add(buffer, false);
	}

	private void add(ByteBuffer buffer, boolean frameStart) {
		if (this.count == this.ring.length) {
			grow();
		}
		int index = (this.head + this.count) & (this.ring.length - 1);
		this.ring[index] = buffer;
		this.starts[index] = frameStart;
		this.count++;
		this.bytes += buffer.remaining();
	}

	/**
	 * Copies queued bytes into {@code dest} from its position until it is full or nothing is
	 * left, without consuming them.
	 * @return the number of bytes copied
	 */
	public int copyTo(ByteBuffer dest) {
		int copied = 0;
		for (int i = 0; i < this.count && dest.hasRemaining(); i++) {
			ByteBuffer buffer = at(i);
			int from = buffer.position() + ((i == 0) ? this.headConsumed : 0);
			int length = Math.min(buffer.limit() - from, dest.remaining());
			dest.put(dest.position(), buffer, from, length);
			dest.position(dest.position() + length);
			copied += length;
		}
		return copied;
	}

	/** Drops the first {@code written} bytes, which the socket took. */
	public void consume(long written) {
		if (written > this.bytes) {
			throw new IllegalArgumentException("Consuming " + written + " of " + this.bytes + " queued bytes");
		}
		this.bytes -= written;
		long left = written;
		while (left > 0) {
			ByteBuffer buffer = this.ring[this.head];
			int rest = buffer.remaining() - this.headConsumed;
			if (left < rest) {
				this.headConsumed += (int) left;
				return;
			}
			left -= rest;
			dropHead();
		}
	}

	/**
	 * Drops everything queued except the rest of a frame the socket has already taken part
	 * of, which must be finished for the byte stream to stay well-formed.
	 * @return the bytes dropped
	 */
	public long dropAllButPartialFrame() {
		long before = this.bytes;
		if (this.count == 0) {
			return 0;
		}
		boolean partial = !this.starts[this.head] || this.headConsumed > 0;
		if (!partial) {
			clear();
			return before;
		}
		int keep = 1;
		while (keep < this.count && !this.starts[(this.head + keep) & (this.ring.length - 1)]) {
			keep++;
		}
		for (int i = keep; i < this.count; i++) {
			int index = (this.head + i) & (this.ring.length - 1);
			this.bytes -= this.ring[index].remaining();
			this.ring[index] = null;
		}
		this.count = keep;
		return before - this.bytes;
	}

	/** Bytes queued and not yet consumed. */
	public long bytes() {
		return this.bytes;
	}

	public boolean isEmpty() {
		return this.count == 0;
	}

	/** Drops everything queued, releasing the buffers. */
	public void clear() {
		this.ring = NONE;
		this.starts = NO_STARTS;
		this.head = 0;
		this.count = 0;
		this.bytes = 0;
		this.headConsumed = 0;
	}

	private ByteBuffer at(int i) {
		return this.ring[(this.head + i) & (this.ring.length - 1)];
	}

	private void dropHead() {
		this.ring[this.head] = null;
		this.head = (this.head + 1) & (this.ring.length - 1);
		this.count--;
		this.headConsumed = 0;
		if (this.count == 0) {
			this.head = 0;
			if (this.ring.length > 16) {
				// Give back what a burst grew; a quiet connection keeps a small ring or none.
				this.ring = NONE;
				this.starts = NO_STARTS;
			}
		}
	}

	private void grow() {
		int capacity = (this.ring.length == 0) ? 4 : this.ring.length * 2;
		ByteBuffer[] larger = new ByteBuffer[capacity];
		boolean[] largerStarts = new boolean[capacity];
		for (int i = 0; i < this.count; i++) {
			int index = (this.head + i) & (this.ring.length - 1);
			larger[i] = this.ring[index];
			largerStarts[i] = this.starts[index];
		}
		this.ring = larger;
		this.starts = largerStarts;
		this.head = 0;
	}

}
