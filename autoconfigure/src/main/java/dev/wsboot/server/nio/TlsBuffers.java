package dev.wsboot.server.nio;

import java.nio.ByteBuffer;

/**
 * The ciphertext buffers of one {@link IoLoop}, shared by its TLS connections: a
 * connection reads records into one and wraps records into the other only while the loop
 * serves it, and keeps bytes of its own only while a record is partial or the socket is
 * full. An idle TLS connection so holds no buffer, as an idle plain one holds none.
 */
final class TlsBuffers {

	/** Records per buffer: a read or a write of several records costs one system call. */
	private static final int RECORDS = 4;

	private ByteBuffer input = ByteBuffer.allocateDirect(0);

	private ByteBuffer output = ByteBuffer.allocateDirect(0);

	/** The input buffer, cleared, with room for several records of {@code packetSize}. */
	ByteBuffer input(int packetSize) {
		if (this.input.capacity() < RECORDS * packetSize) {
			this.input = ByteBuffer.allocateDirect(RECORDS * packetSize);
		}
		return this.input.clear();
	}

	/** The output buffer, cleared, with room for several records of {@code packetSize}. */
	ByteBuffer output(int packetSize) {
		if (this.output.capacity() < RECORDS * packetSize) {
			this.output = ByteBuffer.allocateDirect(RECORDS * packetSize);
		}
		return this.output.clear();
	}

}
