package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transport} of TLS over a TCP socket, with the {@link SSLEngine} driven by a
 * {@link TlsDriver} on the connection's I/O thread, with no lock: the handshake, then
 * records in both directions, then close_notify when the connection is shut.
 *
 * <p>Ciphertext passes through its loop's {@link TlsBuffers}; the transport keeps bytes of
 * its own only for a partial record and for what the socket did not take, in its
 * {@link CiphertextChannel}, so an idle connection holds none. While a delegated task of
 * the engine runs on the server's executor the connection does not read; when it is done,
 * the loop carries on where it stopped. Bytes that cannot begin a TLS connection are
 * answered with an alert at once ({@link TlsAlerts}).
 */
final class TlsTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(TlsTransport.class);

	private final CiphertextChannel socket;

	private final SslEngineSource source;

	private final Connection connection;

	private final TlsDriver driver;

	private boolean started;

	private boolean inputEnded;

	private boolean closed;

	private boolean released;

	/** The loop's buffers for this connection's kind of engine, shared, looked up once. */
	private TlsBuffers.@Nullable Pair buffers;

	TlsTransport(SocketChannel channel, SslEngineSource source, SSLEngine engine, Connection connection)
			throws SSLException {
		this.socket = new CiphertextChannel(channel, connection.server().settings().maxOutboundBuffer());
		this.source = source;
		this.connection = connection;
		this.driver = new TlsDriver(engine, connection.server().executor(), this::onTasksRun);
	}

	// ---- reading ----

	@Override
	public int read(SocketChannel channel, ByteBuffer dest) throws IOException {
		if (this.inputEnded) {
			return -1;
		}
		if (this.driver.isTaskRunning()) {
			return 0;
		}
		ByteBuffer in = this.socket.fill(buffers().input(this.driver.packetSize()), dest.remaining());
		if (!this.started && in.hasRemaining()) {
			this.started = true;
			TlsAlerts.refuseNonTls(in, this.socket, this.connection);
		}
		int before = dest.position();
		try {
			unwrap(in, dest);
		}
		finally {
			if (in.hasRemaining() && !this.closed) {
				this.socket.keepInput(in);
			}
		}
		int produced = dest.position() - before;
		if (produced > 0) {
			return produced;
		}
		if (this.driver.isInboundDone() || this.socket.isEnded()) {
			endInput();
			return -1;
		}
		return 0;
	}

	private void unwrap(ByteBuffer in, ByteBuffer plain) throws IOException {
		while (true) {
			ByteBuffer out = buffers().output(this.driver.packetSize());
			TlsDriver.Progress progress;
			try {
				progress = this.driver.advance(in, plain, out);
			}
			catch (TlsRenegotiationException ex) {
				this.connection.server().settings().observer().onTlsFailure("renegotiation");
				throw ex;
			}
			catch (SSLException ex) {
				if (!this.driver.isEstablished()) {
					this.connection.server().settings().observer().onTlsFailure("handshake");
				}
				TlsAlerts.sendEngineAlert(this.driver, buffers().output(this.driver.packetSize()), this.socket,
						this.connection);
				throw ex;
			}
			out.flip();
			if (out.hasRemaining() && !this.socket.send(out)) {
				// Written when the socket takes bytes again, which the connection is asked to watch for.
				this.connection.loop().scheduleFlush(this.connection);
			}
			switch (progress) {
				case OUTPUT_FULL:
					continue;
				case TASK:
					this.connection.setInterest(SelectionKey.OP_READ, false);
					return;
				case PLAIN_FULL:
					if (plain.position() == 0) {
						throw new SSLException("A TLS record does not fit in " + plain.capacity() + " bytes");
					}
					// Complete records wait in the pending input, where no selector sees them.
					this.connection.loop().readSoon(this.connection);
					return;
				default:
					return;
			}
		}
	}

	/** The peer ended its side, with close_notify or only with TCP's end of stream. */
	private void endInput() {
		this.inputEnded = true;
		this.socket.discardInput();
		if (this.driver.isInboundDone()) {
			return;
		}
		try {
			this.driver.closeInbound();
		}
		catch (SSLException ex) {
			// Browsers often drop TCP without close_notify; nothing is lost for WebSocket,
			// whose own close frames tell a complete session from a truncated one.
			logger.debug("Connection from {} ended without close_notify", this.connection.remote());
		}
	}

	// ---- delegated tasks ----

	/** On the task's thread: the connection carries on, on its loop. */
	private void onTasksRun() {
		this.connection.loop().execute(this::afterTasks);
	}

	private void afterTasks() {
		this.driver.tasksRun();
		if (this.closed) {
			release();
			return;
		}
		this.connection.setInterest(SelectionKey.OP_READ, true);
		// What arrived with the record the task was for waits in the pending input.
		this.connection.loop().readNow(this.connection);
	}

	// ---- writing ----

	@Override
	public int write(SocketChannel channel, ByteBuffer src) throws IOException {
		if (!this.socket.writePending()) {
			return 0;
		}
		int taken = 0;
		while (src.hasRemaining()) {
			ByteBuffer out = buffers().output(this.driver.packetSize());
			taken += this.driver.wrap(src, out);
			out.flip();
			if (!out.hasRemaining()) {
				if (!this.driver.isTaskRunning()) {
					throw new SSLException("The TLS engine takes no application data");
				}
				break;
			}
			if (!this.socket.send(out)) {
				break;
			}
		}
		return taken;
	}

	@Override
	public boolean flush() throws IOException {
		return this.socket.flush();
	}

	// ---- ending ----

	/** Sends close_notify, without waiting for the peer's, then shuts TCP's sending side. */
	@Override
	public void shutdownOutput(SocketChannel channel) throws IOException {
		ByteBuffer out = buffers().output(this.driver.packetSize());
		this.driver.closeOutbound(out);
		if (!this.socket.shutdownOutput(out.flip())) {
			this.connection.loop().scheduleFlush(this.connection);
		}
	}

	@Override
	public void close(SocketChannel channel) throws IOException {
		this.closed = true;
		this.socket.discard();
		if (!this.driver.isTaskRunning()) {
			// Else once the task is done: a native engine must not be freed under it.
			release();
		}
		this.socket.close();
	}

	private void release() {
		if (!this.released) {
			this.released = true;
			try {
				this.source.release(this.driver.engine());
			}
			catch (RuntimeException ex) {
				logger.warn("Releasing the SSLEngine of a closed connection failed", ex);
			}
		}
	}

	// ---- state ----

	@Override
	public boolean isEstablished() {
		return this.driver.isEstablished();
	}

	@Override
	public boolean hasPendingInput() {
		return this.socket.hasPendingInput();
	}

	@Override
	public @Nullable SSLSession sslSession() {
		return this.driver.isEstablished() ? this.driver.engine().getSession() : null;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress(SocketChannel channel) {
		return this.socket.remoteAddress();
	}

	private TlsBuffers.Pair buffers() {
		TlsBuffers.Pair pair = this.buffers;
		if (pair == null) {
			pair = this.connection.loop().tlsBuffers().forEngine(this.driver.engine());
			this.buffers = pair;
		}
		return pair;
	}

}
