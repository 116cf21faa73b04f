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
 * its own only for a partial record and for what the socket did not take, so an idle
 * connection holds none. While a delegated task of the engine runs on the server's
 * executor the connection does not read; when it is done, the loop carries on where it
 * stopped. Bytes that cannot begin a TLS connection are answered with an alert at once.
 */
final class TlsTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(TlsTransport.class);

	/** RFC 8446 §5.1: every TLS connection begins with a handshake record, content type 22. */
	private static final byte HANDSHAKE_RECORD = 0x16;

	/**
	 * RFC 8446 §6: a fatal unexpected_message alert in a plaintext record, the answer to a
	 * peer whose first bytes are no TLS record (plain HTTP, for example).
	 */
	private static final byte[] UNEXPECTED_MESSAGE_ALERT = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a };

	private final SocketChannel channel;

	private final SslEngineSource source;

	private final Connection connection;

	private final TlsDriver driver;

	/** What the socket will hold at most for this connection before the peer is given up on. */
	private final int outputLimit;

	/** Ciphertext received and not unwrapped yet, in read mode: a partial record, usually. */
	private @Nullable ByteBuffer pendingInput;

	/** Ciphertext the socket did not take yet, in read mode. */
	private @Nullable ByteBuffer pendingOutput;

	private boolean started;

	private boolean socketEnded;

	private boolean inputEnded;

	/** Our close_notify waits in {@link #pendingOutput}; TCP is shut once it is written. */
	private boolean shutdownPending;

	private boolean closed;

	private boolean released;

	/** The loop's buffers for this connection's kind of engine, shared, looked up once. */
	private TlsBuffers.@Nullable Pair buffers;

	TlsTransport(SocketChannel channel, SslEngineSource source, SSLEngine engine, Connection connection)
			throws SSLException {
		this.channel = channel;
		this.source = source;
		this.connection = connection;
		this.outputLimit = connection.server().settings().maxOutboundBuffer();
		this.driver = new TlsDriver(engine, connection.server().executor(), this::onTasksRun);
	}

	// ---- reading ----

	@Override
	public int read(ByteBuffer dest) throws IOException {
		if (this.inputEnded) {
			return -1;
		}
		if (this.driver.isTaskRunning()) {
			return 0;
		}
		ByteBuffer in = buffers().input(this.driver.packetSize());
		if (this.pendingInput != null) {
			in.put(this.pendingInput);
			this.pendingInput = null;
		}
		if (!this.socketEnded) {
			// No more ciphertext than dest has room for as plaintext: every complete record fits.
			int room = Math.min(in.remaining(), dest.remaining());
			int limit = in.limit();
			in.limit(in.position() + room);
			this.socketEnded = this.channel.read(in) < 0;
			in.limit(limit);
		}
		in.flip();
		if (!this.started && in.hasRemaining()) {
			this.started = true;
			if (in.get(0) != HANDSHAKE_RECORD) {
				refuseNonTls(in.get(0));
			}
		}
		int before = dest.position();
		try {
			unwrap(in, dest);
		}
		finally {
			if (in.hasRemaining() && !this.closed) {
				this.pendingInput = ByteBuffer.allocate(in.remaining()).put(in).flip();
			}
		}
		int produced = dest.position() - before;
		if (produced > 0) {
			return produced;
		}
		if (this.driver.isInboundDone() || this.socketEnded) {
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
				sendAlert();
				throw ex;
			}
			send(out.flip(), true);
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
		this.pendingInput = null;
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

	private void refuseNonTls(byte first) throws IOException {
		this.connection.server().settings().observer().onTlsFailure("not-tls");
		this.channel.write(ByteBuffer.wrap(UNEXPECTED_MESSAGE_ALERT));
		throw new SSLException(String.format("Not a TLS connection: its first byte was 0x%02x", first & 0xff));
	}

	/** After a failure: writes the alert the engine has for the peer, if the socket takes it now. */
	private void sendAlert() {
		try {
			ByteBuffer out = buffers().output(this.driver.packetSize());
			this.driver.closeOutbound(out);
			out.flip();
			if (this.pendingOutput == null) {
				this.channel.write(out);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.trace("No alert could be sent to {}", this.connection.remote(), ex);
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
	public int write(ByteBuffer src) throws IOException {
		if (this.pendingOutput != null && !writePending()) {
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
			if (!send(out, false)) {
				break;
			}
		}
		return taken;
	}

	@Override
	public boolean flush() throws IOException {
		if (this.pendingOutput != null && !writePending()) {
			return false;
		}
		if (this.shutdownPending) {
			this.shutdownPending = false;
			this.channel.shutdownOutput();
		}
		return true;
	}

	/**
	 * Writes ciphertext behind what waits already, and keeps what the socket does not take.
	 * @param fromReading whether a read produced it, so that the writer must be asked to
	 * finish the write when the socket takes bytes again
	 * @return whether everything is written
	 */
	private boolean send(ByteBuffer out, boolean fromReading) throws IOException {
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
		if (fromReading && this.pendingOutput != null) {
			this.connection.writer().scheduleFlush();
		}
		return this.pendingOutput == null;
	}

	private boolean writePending() throws IOException {
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

	// ---- ending ----

	/** Sends close_notify, without waiting for the peer's, then shuts TCP's sending side. */
	@Override
	public void shutdownOutput() throws IOException {
		ByteBuffer out = buffers().output(this.driver.packetSize());
		this.driver.closeOutbound(out);
		if (send(out.flip(), false)) {
			this.channel.shutdownOutput();
		}
		else {
			this.shutdownPending = true;
			this.connection.writer().scheduleFlush();
		}
	}

	@Override
	public void close() throws IOException {
		this.closed = true;
		this.pendingInput = null;
		this.pendingOutput = null;
		if (!this.driver.isTaskRunning()) {
			// Else once the task is done: a native engine must not be freed under it.
			release();
		}
		this.channel.close();
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
		return this.pendingInput != null;
	}

	@Override
	public @Nullable SSLSession sslSession() {
		return this.driver.isEstablished() ? this.driver.engine().getSession() : null;
	}

	@Override
	public @Nullable InetSocketAddress remoteAddress() {
		try {
			return (InetSocketAddress) this.channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return null;
		}
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
