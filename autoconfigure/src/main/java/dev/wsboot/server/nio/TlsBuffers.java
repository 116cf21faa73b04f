package dev.wsboot.server.nio;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;

/**
 * The ciphertext buffers of one {@link IoLoop}, shared by its TLS connections: a
 * connection reads records into one and wraps records into the other only while the loop
 * serves it, and keeps bytes of its own only while a record is partial or the socket is
 * full. An idle TLS connection so holds no buffer, as an idle plain one holds none.
 *
 * <p>The JDK's engine encrypts and decrypts records in place in these buffers, and its
 * AES-GCM is fastest on heap arrays, so its connections get heap buffers (as Netty gives
 * them); an engine of a native library, such as OpenSSL's, reads and writes direct memory
 * without a copy and gets direct buffers.
 */
final class TlsBuffers {

	/** Records per buffer: a read or a write of several records costs one system call. */
	private static final int RECORDS = 4;

	private final Pair heap = new Pair(false);

	private final Pair direct = new Pair(true);

	/** The buffers for connections of {@code engine}'s kind. */
	Pair forEngine(SSLEngine engine) {
		return engine.getClass().getName().startsWith("sun.security.") ? this.heap : this.direct;
	}

	/** An input and an output buffer, grown on demand to several records of the largest packet size. */
	static final class Pair {

		private final boolean direct;

		private ByteBuffer input = ByteBuffer.allocate(0);

		private ByteBuffer output = ByteBuffer.allocate(0);

		private Pair(boolean direct) {
			this.direct = direct;
		}

		/** The input buffer, cleared, with room for several records of {@code packetSize}. */
		ByteBuffer input(int packetSize) {
			if (this.input.capacity() < RECORDS * packetSize) {
				this.input = allocate(RECORDS * packetSize);
			}
			return this.input.clear();
		}

		/** The output buffer, cleared, with room for several records of {@code packetSize}. */
		ByteBuffer output(int packetSize) {
			if (this.output.capacity() < RECORDS * packetSize) {
				this.output = allocate(RECORDS * packetSize);
			}
			return this.output.clear();
		}

		private ByteBuffer allocate(int capacity) {
			return this.direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
		}

	}

}
