package dev.wsboot.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The client side of TLS for one load-generator connection: a {@link ByteChannel} of
 * plaintext over a non-blocking socket, with the JDK's {@link SSLEngine} driven on the
 * connection's I/O thread and its delegated tasks run right there (the generator measures
 * the server, not itself). {@link #handshake()} is called until it says the handshake is
 * done; then reads and writes carry application data.
 */
final class TlsClientChannel implements ByteChannel {

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final SocketChannel channel;

	private final SSLEngine engine;

	/** Ciphertext read and not unwrapped yet, in write mode. */
	private ByteBuffer input;

	/** Ciphertext wrapped and not written yet, in read mode. */
	private ByteBuffer output;

	/** Plaintext unwrapped during the handshake or for a buffer too small, in read mode. */
	private final ByteBuffer plain;

	private boolean established;

	private boolean ended;

	TlsClientChannel(SocketChannel channel, SSLEngine engine) throws SSLException {
		this.channel = channel;
		this.engine = engine;
		int packet = engine.getSession().getPacketBufferSize();
		// Heap buffers, two records in and out: thousands of held connections must fit the
		// generator's heap, and the JDK's engine is fastest on heap arrays anyway.
		this.input = ByteBuffer.allocate(2 * packet);
		this.output = ByteBuffer.allocate(2 * packet).flip();
		this.plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
		engine.beginHandshake();
	}

	/**
	 * Moves the handshake on as far as the socket allows.
	 * @return whether it is done
	 */
	boolean handshake() throws IOException {
		while (!this.established) {
			if (!flushOutput()) {
				return false;
			}
			HandshakeStatus status = this.engine.getHandshakeStatus();
			switch (status) {
				case NEED_TASK -> runTasks();
				case NEED_WRAP -> wrap(EMPTY);
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					if (!unwrap(this.plain.compact())) {
						this.plain.flip();
						if (readSocket() <= 0) {
							return false;
						}
					}
					else {
						this.plain.flip();
					}
				}
				default -> this.established = true;
			}
		}
		return flushOutput();
	}

	/** Whether ciphertext waits for the socket. */
	boolean hasPendingOutput() {
		return this.output.hasRemaining();
	}

	/** Whether records that arrived may still give plaintext without a read from the socket. */
	boolean hasPendingInput() {
		return this.plain.hasRemaining() || this.input.position() > 0;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		int start = dst.position();
		if (this.plain.hasRemaining()) {
			int n = Math.min(this.plain.remaining(), dst.remaining());
			dst.put(this.plain.slice(this.plain.position(), n));
			this.plain.position(this.plain.position() + n);
			return n;
		}
		if (this.ended) {
			return -1;
		}
		int read = readSocket();
		while (unwrap(dst)) {
			if (this.engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
				// A post-handshake message wants an answer.
				wrap(EMPTY);
				flushOutput();
			}
		}
		int produced = dst.position() - start;
		if (produced > 0) {
			return produced;
		}
		if (read < 0 || this.engine.isInboundDone()) {
			this.ended = true;
			return -1;
		}
		return 0;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		if (!flushOutput()) {
			return 0;
		}
		int taken = 0;
		while (src.hasRemaining()) {
			int before = src.remaining();
			wrap(src);
			taken += before - src.remaining();
			if (!flushOutput() || before == src.remaining()) {
				break;
			}
		}
		return taken;
	}

	private int readSocket() throws IOException {
		if (!this.input.hasRemaining()) {
			return 0;
		}
		int n = this.channel.read(this.input);
		if (n < 0) {
			this.ended = true;
		}
		return n;
	}

	/** Unwraps one record into {@code dst}; whether one was there and fit. */
	private boolean unwrap(ByteBuffer dst) throws SSLException {
		this.input.flip();
		try {
			SSLEngineResult result = this.engine.unwrap(this.input, dst);
			return result.getStatus() == SSLEngineResult.Status.OK
					&& (result.bytesConsumed() > 0 || result.bytesProduced() > 0);
		}
		finally {
			this.input.compact();
		}
	}

	private void wrap(ByteBuffer src) throws SSLException {
		ByteBuffer out = this.output.compact();
		try {
			SSLEngineResult result = this.engine.wrap(src, out);
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && out.position() == 0) {
				throw new SSLException("TLS record larger than the output buffer");
			}
		}
		finally {
			out.flip();
		}
	}

	private boolean flushOutput() throws IOException {
		if (this.output.hasRemaining()) {
			this.channel.write(this.output);
		}
		return !this.output.hasRemaining();
	}

	private void runTasks() {
		Runnable task;
		while ((task = this.engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

	@Override
	public boolean isOpen() {
		return this.channel.isOpen();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
