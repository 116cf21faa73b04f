package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * The bytes waiting to be written to one connection, in order, written with gathering
 * writes. Not thread-safe: the owning {@link Connection} guards it. Holds no arrays until
 * something is queued, so an idle connection costs nothing here.
 */
final class OutboundQueue {

	/** How many buffers one gathering write takes at most (the OS's IOV_MAX is 1024). */
	private static final int MAX_GATHER = 64;

	/**
	 * Bytes offered to one write call at most. The JDK copies every heap byte offered into a
	 * temporary direct buffer before the system call, whether the socket takes it or not, so
	 * offering a whole 16 MiB message again after each partial write would copy it over and
	 * over; slices of this size keep the copying linear.
	 */
	private static final int MAX_WRITE = 256 * 1024;

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
	 * Writes as much as the channel takes, copying the queued frames into {@code scratch}, a
	 * direct buffer, so that one plain write sends many small frames. The JDK would otherwise
	 * fetch and return a temporary direct buffer for every heap buffer of a gathering write.
	 * @return true when everything queued has been written
	 */
	boolean writeTo(GatheringByteChannel channel, ByteBuffer scratch) throws IOException {
		while (this.count > 0) {
			scratch.clear();
			for (int i = 0; i < this.count && scratch.hasRemaining(); i++) {
				ByteBuffer buffer = this.ring[(this.head + i) & (this.ring.length - 1)];
				int length = Math.min(buffer.remaining(), scratch.remaining());
				scratch.put(scratch.position(), buffer, buffer.position(), length);
				scratch.position(scratch.position() + length);
			}
			scratch.flip();
			int written = channel.write(scratch);
			consume(written);
			if (scratch.hasRemaining()) {
				return false;
			}
		}
		return true;
	}

	/** Advances the queued buffers past {@code written} bytes and drops those done. */
	private void consume(int written) {
		this.bytes -= written;
		int left = written;
		for (int i = 0; left > 0; i++) {
			ByteBuffer buffer = this.ring[(this.head + i) & (this.ring.length - 1)];
			int taken = Math.min(buffer.remaining(), left);
			buffer.position(buffer.position() + taken);
			left -= taken;
		}
		dropWritten();
	}

	/**
	 * Writes as much as the channel takes, with gathering writes; for threads that have no
	 * direct buffer of their own.
	 * @return true when everything queued has been written
	 */
	boolean writeTo(GatheringByteChannel channel) throws IOException {
		ByteBuffer[] batch = (this.count > 1) ? GATHER.get() : NONE;
		while (this.count > 0) {
			long written;
			ByteBuffer first = this.ring[this.head];
			if (this.count == 1 || first.remaining() >= MAX_WRITE) {
				written = writeOne(channel, first);
			}
			else {
				int n = 0;
				long offered = 0;
				while (n < this.count && n < MAX_GATHER && offered < MAX_WRITE) {
					ByteBuffer buffer = this.ring[(this.head + n) & (this.ring.length - 1)];
					if (n > 0 && offered + buffer.remaining() > MAX_WRITE) {
						break;
					}
					batch[n++] = buffer;
					offered += buffer.remaining();
				}
				written = channel.write(batch, 0, n);
				Arrays.fill(batch, 0, n, null);
			}
			this.bytes -= written;
			dropWritten();
			if (written == 0) {
				return false;
			}
		}
		return true;
	}

	private static long writeOne(GatheringByteChannel channel, ByteBuffer buffer) throws IOException {
		if (buffer.remaining() <= MAX_WRITE || buffer.isDirect()) {
			return channel.write(buffer);
		}
		ByteBuffer slice = buffer.duplicate();
		slice.limit(slice.position() + MAX_WRITE);
		int written = channel.write(slice);
		buffer.position(buffer.position() + written);
		return written;
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
