package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;

/**
 * The bytes waiting to be written to one connection, in order, written with gathering
 * writes. Not thread-safe: the owning {@link Connection} guards it. Holds no arrays until
 * something is queued, so an idle connection costs nothing here.
 */
final class OutboundQueue {

	/** How many buffers one gathering write takes at most (the OS's IOV_MAX is 1024). */
	private static final int MAX_GATHER = 64;

	private static final ByteBuffer[] NONE = new ByteBuffer[0];

	/** Scratch array for gathering writes, one per writing thread, so a flush allocates nothing. */
	private static final ThreadLocal<ByteBuffer[]> GATHER = ThreadLocal.withInitial(() -> new ByteBuffer[MAX_GATHER]);

	private ByteBuffer[] ring = NONE;

	private int head;

	private int count;

	private long bytes;

	/** Appends a buffer; its remaining bytes will be written. */
	void add(ByteBuffer buffer) {
		if (this.count == this.ring.length) {
			grow();
		}
		this.ring[(this.head + this.count) & (this.ring.length - 1)] = buffer;
		this.count++;
		this.bytes += buffer.remaining();
	}

	/**
	 * Writes as much as the channel takes.
	 * @return true when everything queued has been written
	 */
	boolean writeTo(GatheringByteChannel channel) throws IOException {
		ByteBuffer[] batch = (this.count > 1) ? GATHER.get() : NONE;
		while (this.count > 0) {
			long written;
			if (this.count == 1) {
				written = channel.write(this.ring[this.head]);
			}
			else {
				int n = Math.min(this.count, MAX_GATHER);
				if (batch.length < n) {
					batch = GATHER.get();
				}
				for (int i = 0; i < n; i++) {
					batch[i] = this.ring[(this.head + i) & (this.ring.length - 1)];
				}
				written = channel.write(batch, 0, n);
				java.util.Arrays.fill(batch, 0, n, null);
			}
			this.bytes -= written;
			dropWritten();
			if (written == 0) {
				return false;
			}
		}
		return true;
	}

	private void dropWritten() {
		while (this.count > 0 && !this.ring[this.head].hasRemaining()) {
			this.ring[this.head] = null;
			this.head = (this.head + 1) & (this.ring.length - 1);
			this.count--;
		}
		if (this.count == 0) {
			this.head = 0;
			if (this.ring.length > 16) {
				// Give back what a burst grew; a quiet connection keeps a small ring or none.
				this.ring = NONE;
			}
		}
	}

	private void grow() {
		int capacity = (this.ring.length == 0) ? 4 : this.ring.length * 2;
		ByteBuffer[] larger = new ByteBuffer[capacity];
		for (int i = 0; i < this.count; i++) {
			larger[i] = this.ring[(this.head + i) & (this.ring.length - 1)];
		}
		this.ring = larger;
		this.head = 0;
	}

	/** Bytes queued and not yet written. */
	long bytes() {
		return this.bytes;
	}

	boolean isEmpty() {
		return this.count == 0;
	}

	/** Drops everything queued, releasing the buffers. */
	void clear() {
		this.ring = NONE;
		this.head = 0;
		this.count = 0;
		this.bytes = 0;
	}

}
