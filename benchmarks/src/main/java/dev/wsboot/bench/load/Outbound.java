package dev.wsboot.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Bytes waiting to be written to one socket. Small frames go through a direct buffer borrowed
 * from the I/O thread and handed back once written, so idle connections hold none; a frame
 * larger than that gets a private buffer, kept for the next one. Partial writes only move an
 * index: a 1 MiB frame is never shifted or copied again while it drains.
 */
final class Outbound {

	private final IoThread io;

	private ByteBuffer buffer;

	/** Start of the unwritten bytes; the buffer's position is their end. */
	private int readIndex;

	Outbound(IoThread io) {
		this.io = io;
	}

	/** A buffer with room for {@code bytes} more at its position. */
	ByteBuffer reserve(int bytes) {
		if (this.buffer == null) {
			this.buffer = (bytes <= IoThread.POOLED_BUFFER_SIZE) ? this.io.takeBuffer() : allocate(bytes);
			this.readIndex = 0;
		}
		else if (this.buffer.remaining() < bytes) {
			int pending = this.buffer.position() - this.readIndex;
			this.buffer.limit(this.buffer.position()).position(this.readIndex);
			if (pending + bytes <= this.buffer.capacity()) {
				this.buffer.compact();
			}
			else {
				ByteBuffer larger = allocate(pending + bytes);
				larger.put(this.buffer);
				giveBack();
				this.buffer = larger;
			}
			this.readIndex = 0;
		}
		return this.buffer;
	}

	boolean isEmpty() {
		return this.buffer == null || this.buffer.position() == this.readIndex;
	}

	/** Writes what the socket takes; returns whether everything was written. */
	boolean writeTo(WritableByteChannel channel) throws IOException {
		if (this.buffer == null) {
			return true;
		}
		int end = this.buffer.position();
		this.buffer.limit(end).position(this.readIndex);
		channel.write(this.buffer);
		this.readIndex = this.buffer.position();
		this.buffer.limit(this.buffer.capacity()).position(end);
		if (this.readIndex < end) {
			return false;
		}
		if (this.buffer.capacity() == IoThread.POOLED_BUFFER_SIZE) {
			giveBack();
		}
		else {
			this.buffer.clear();
			this.readIndex = 0;
		}
		return true;
	}

	/** Drops anything unwritten and returns a borrowed buffer. */
	void release() {
		giveBack();
	}

	private void giveBack() {
		if (this.buffer != null && this.buffer.capacity() == IoThread.POOLED_BUFFER_SIZE) {
			this.io.giveBack(this.buffer);
		}
		this.buffer = null;
		this.readIndex = 0;
	}

	private static ByteBuffer allocate(int bytes) {
		int capacity = Integer.highestOneBit(Math.max(bytes, IoThread.POOLED_BUFFER_SIZE * 2) - 1) << 1;
		return ByteBuffer.allocateDirect(capacity);
	}
}
