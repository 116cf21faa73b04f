package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.jspecify.annotations.Nullable;

/**
 * The socket under a {@link TlsTransport}, with the only ciphertext the connection keeps of
 * its own: a record received in part, and what the socket did not take yet, each copied out
 * of its loop's {@link TlsBuffers} into a buffer of just its size, and dropped once used, so
 * that an idle connection holds none. Used on the connection's I/O thread only.
 */
final class CiphertextChannel {

	private final SocketChannel channel;

	/** What the socket will hold at most for this connection before the peer is given up on. */
	private final int outputLimit;

	/** Ciphertext received and not unwrapped yet, in read mode: a partial record, usually. */
	private @Nullable ByteBuffer pendingInput;

	/** Ciphertext the socket did not take yet, in read mode. */
	private @Nullable ByteBuffer pendingOutput;

	private boolean ended;

	/** Our close_notify waits in {@link #pendingOutput}; TCP is shut once it is written. */
	private boolean shutdownPending;

	CiphertextChannel(SocketChannel channel, int outputLimit) {
		this.channel = channel;
		this.outputLimit = outputLimit;
	}

	// ---- reading ----

	/**
	 * Fills {@code in}, an empty buffer of the loop, with the ciphertext kept from last time,
	 * then with what the socket has, and flips it for reading.
	 * @param plainRoom the room for plaintext: no more ciphertext is read than that, so
	 * that every complete record read fits
	 */
	ByteBuffer fill(ByteBuffer in, int plainRoom) throws IOException {
		if (this.pendingInput != null) {
			in.put(this.pendingInput);
			this.pendingInput = null;
		}
		if (!this.ended) {
			int room = Math.min(in.remaining(), plainRoom);
			int limit = in.limit();
			in.limit(in.position() + room);
			this.ended = this.channel.read(in) < 0;
			in.limit(limit);
		}
		return in.flip();
	}

	/** Keeps what {@code in} has left, a partial record usually, for the next {@link #fill}. */
	void keepInput(ByteBuffer in) {
		this.pendingInput = ByteBuffer.allocate(in.remaining()).put(in).flip();
	}

	/** Drops the ciphertext kept for the next {@link #fill}. */
	void discardInput() {
		this.pendingInput = null;
	}

	boolean hasPendingInput() {
		return this.pendingInput != null;
	}

	/** Whether the socket reached the end of its stream. */
	boolean isEnded() {
		return this.ended;
	}

	// ---- writing ----

	/**
	 * Writes ciphertext behind what waits already, and keeps what the socket does not take.
	 * @return whether everything is written
	 * @throws IOException when what waits would pass the output limit: the peer does not read
	 */
	boolean send(ByteBuffer out) throws IOException {
		if (!out.hasRemaining()) {
			return this.pendingOutput == null;
		}
		ByteBuffer pending = this.pendingOutput;
		if (pending == null) {
			this.channel.write(out);
			if (!out.hasRemaining()) {
				return true;
			}
			this.pendingOutput = ByteBuffer.allocate(out.remaining()).put(out).flip();
		}
		else {
			if (pending.remaining() + out.remaining() > this.outputLimit) {
				throw new IOException("The peer does not read what TLS has to send it");
			}
			this.pendingOutput = ByteBuffer.allocate(pending.remaining() + out.remaining()).put(pending).put(out).flip();
			writePending();
		}
		return this.pendingOutput == null;
	}

	/**
	 * Writes what waits.
	 * @return whether nothing waits any more
	 */
	boolean writePending() throws IOException {
		ByteBuffer pending = this.pendingOutput;
		if (pending != null) {
			this.channel.write(pending);
			if (pending.hasRemaining()) {
				return false;
			}
			this.pendingOutput = null;
		}
		return true;
	}

	/**
	 * Writes what waits, then shuts TCP's sending side if that was asked for meanwhile.
	 * @return whether nothing waits any more
	 */
	boolean flush() throws IOException {
		if (!writePending()) {
			return false;
		}
		if (this.shutdownPending) {
			this.shutdownPending = false;
			this.channel.shutdownOutput();
		}
		return true;
	}

	/**
	 * Writes bytes past what waits, at once, as far as the socket takes them: for an alert
	 * that ends the connection.
	 */
	void writeAtOnce(ByteBuffer bytes) throws IOException {
		this.channel.write(bytes);
	}

	/** Whether ciphertext waits for the socket to take it. */
	boolean hasPendingOutput() {
		return this.pendingOutput != null;
	}

	// ---- ending ----

	/**
	 * Sends our last records, close_notify, then shuts TCP's sending side, at once or once
	 * they are written.
	 * @return whether it is shut now; if not, {@link #flush} shuts it
	 */
	boolean shutdownOutput(ByteBuffer lastRecords) throws IOException {
		if (send(lastRecords)) {
			this.channel.shutdownOutput();
			return true;
		}
		this.shutdownPending = true;
		return false;
	}

	/** Drops the ciphertext kept in both directions; the connection is closing. */
	void discard() {
		this.pendingInput = null;
		this.pendingOutput = null;
	}

	void close() throws IOException {
		this.channel.close();
	}

	@Nullable InetSocketAddress remoteAddress() {
		try {
			return (InetSocketAddress) this.channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return null;
		}
	}

}
