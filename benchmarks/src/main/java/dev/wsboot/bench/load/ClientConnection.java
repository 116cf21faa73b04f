package dev.wsboot.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client WebSocket connection, run by its {@link IoThread}: TCP connect, upgrade, masked
 * sends of pattern messages, verified receives, pong replies and the closing handshake, each
 * step bounded by a timeout. Sends are queued and flushed once per loop turn.
 */
final class ClientConnection implements FrameParser.Sink {

	enum State { NEW, CONNECTING, UPGRADING, OPEN, CLOSING, CLOSED }

	private static final int MAX_READS_PER_EVENT = 16;

	private final IoThread io;

	private final ConnectionSettings settings;

	private final InetAddress localAddress;

	private final ConnectionListener listener;

	private final Outbound out;

	private final FrameParser parser = new FrameParser();

	private SocketChannel channel;

	/** With {@code --tls}, the plaintext channel over {@link #channel}; {@code null} without. */
	private TlsClientChannel tls;

	/** What frames are read from and written to: the socket, or TLS over it. */
	private ByteChannel wire;

	private SelectionKey key;

	private volatile State state = State.NEW;

	private UpgradeResponseReader upgrade;

	private IoThread.Timer deadline;

	private boolean dirty;

	private boolean closeSent;

	private boolean closeReceived;

	/** A frame was started and never finished: nothing more may be sent, not even a pong or a close. */
	private boolean midFrame;

	private long nextSendSeq;

	private long nextReceiveSeq;

	private int receivedBytes;

	private long receivedAt;

	private Runnable whenClosed;

	ClientConnection(IoThread io, ConnectionSettings settings, InetAddress localAddress, ConnectionListener listener) {
		this.io = io;
		this.settings = settings;
		this.localAddress = localAddress;
		this.listener = listener;
		this.out = new Outbound(io);
	}

	IoThread io() {
		return this.io;
	}

	State state() {
		return this.state;
	}

	boolean isClosed() {
		return this.state == State.CLOSED;
	}

	/** {@link System#nanoTime()} when the bytes being handled were read. */
	long receivedAt() {
		return this.receivedAt;
	}

	/** Opens the TCP connection; the upgrade follows by itself. I/O thread only. */
	void start() {
		this.state = State.CONNECTING;
		this.deadline = this.io.schedule(this.settings.handshakeTimeoutNanos(),
				() -> fail(Errors.HANDSHAKE_TIMEOUT, "not open after " + this.settings.handshakeTimeoutNanos() / 1_000_000 + " ms"));
		try {
			this.channel = SocketChannel.open();
			this.channel.configureBlocking(false);
			this.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (this.localAddress != null) {
				this.channel.bind(new InetSocketAddress(this.localAddress, 0));
			}
			this.key = this.channel.register(this.io.selector(), 0, this);
			this.wire = this.channel;
			if (ClientTls.enabled()) {
				this.tls = new TlsClientChannel(this.channel,
						ClientTls.newEngine(this.settings.server().getHostString(), this.settings.server().getPort()));
				this.wire = this.tls;
			}
			if (this.channel.connect(this.settings.server())) {
				onConnected();
			}
			else {
				this.key.interestOps(SelectionKey.OP_CONNECT);
			}
		}
		catch (IOException ex) {
			fail(Errors.CONNECT_FAILED, ex.toString());
		}
	}

	/** Queues message number {@link #nextSendSeq} of the pattern and returns that number. */
	long sendMessage() {
		if (this.state != State.OPEN) {
			throw new IllegalStateException("cannot send in state " + this.state);
		}
		long seq = this.nextSendSeq++;
		int size = this.settings.pattern().size();
		ByteBuffer buffer = this.out.reserve(MaskedFrameWriter.headerLength(size) + size);
		int maskingKey = this.io.random().nextInt();
		MaskedFrameWriter.writeHeader(buffer, this.settings.pattern().opcode(), size, maskingKey);
		this.settings.pattern().writeMasked(buffer, seq, maskingKey);
		markDirty();
		return seq;
	}

	/**
	 * Queues the header of a binary frame that declares {@code declaredLength} payload bytes, and
	 * only the first {@code sentBytes} of them: a client that stops in the middle of a frame.
	 * The server would read anything sent afterwards as more payload, so nothing is.
	 */
	void sendFrameStart(int declaredLength, int sentBytes) {
		if (this.state != State.OPEN || this.midFrame) {
			throw new IllegalStateException("cannot start a frame in state " + this.state);
		}
		ByteBuffer buffer = this.out.reserve(MaskedFrameWriter.headerLength(declaredLength) + sentBytes);
		int maskingKey = this.io.random().nextInt();
		MaskedFrameWriter.writeHeader(buffer, MaskedFrameWriter.OPCODE_BINARY, declaredLength, maskingKey);
		MaskedFrameWriter.putMasked(buffer, new byte[sentBytes], 0, sentBytes, maskingKey, 0);
		this.midFrame = true;
		markDirty();
	}

	/** Like {@link #close(int)}, then runs {@code whenClosed} once the connection is gone, whatever the outcome. */
	void close(int code, Runnable whenClosed) {
		if (this.state == State.CLOSED) {
			whenClosed.run();
			return;
		}
		this.whenClosed = whenClosed;
		close(code);
	}

	/** Starts the closing handshake; a connection not yet open, or in the middle of a frame, is just dropped. */
	void close(int code) {
		switch (this.state) {
			case OPEN -> {
				if (this.midFrame) {
					abort();
					return;
				}
				sendClose(new byte[] { (byte) (code >> 8), (byte) code }, 2);
				awaitServerClose();
			}
			case NEW, CONNECTING, UPGRADING -> abort();
			default -> {
			}
		}
	}

	/** Drops the connection now, without counting an error. */
	void abort() {
		finish(false);
	}

	/** Called by the I/O thread for a ready key. */
	void handle(SelectionKey readyKey) {
		try {
			int ops = readyKey.readyOps();
			if ((ops & SelectionKey.OP_CONNECT) != 0) {
				if (this.channel.finishConnect()) {
					onConnected();
				}
			}
			else if (this.state == State.CONNECTING && this.tls != null) {
				// The TLS handshake goes on with what the socket lets through.
				onConnected();
			}
			if (this.state == State.CONNECTING) {
				return;
			}
			if (this.state != State.CLOSED && (ops & SelectionKey.OP_READ) != 0) {
				read();
			}
			if (this.state != State.CLOSED && (ops & SelectionKey.OP_WRITE) != 0) {
				flush();
			}
		}
		catch (ConnectionFailure failure) {
			fail(failure.category(), failure.getMessage());
		}
		catch (IOException ex) {
			fail((this.state == State.CONNECTING) ? Errors.CONNECT_FAILED : Errors.IO_ERROR, ex.toString());
		}
		catch (RuntimeException ex) {
			ex.printStackTrace();
			fail(Errors.INTERNAL_ERROR, ex.toString());
		}
	}

	/** Writes what was queued; called by the I/O thread at the end of a loop turn. */
	void flush() {
		this.dirty = false;
		if (this.state == State.CLOSED || this.state == State.CONNECTING) {
			return;
		}
		try {
			boolean drained = this.out.writeTo(this.wire) && (this.tls == null || !this.tls.hasPendingOutput());
			int ops = drained ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE;
			if (this.key.interestOps() != ops) {
				this.key.interestOps(ops);
			}
		}
		catch (IOException ex) {
			fail(Errors.IO_ERROR, "write: " + ex);
		}
	}

	private void onConnected() throws IOException {
		if (this.tls != null && !this.tls.handshake()) {
			// Still CONNECTING, as far as the rest of the connection cares, until TLS is up.
			this.key.interestOps(this.tls.hasPendingOutput() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
			return;
		}
		this.state = State.UPGRADING;
		String key = this.settings.handshake().write(this.out.reserve(this.settings.handshake().maxLength()), this.io.random());
		this.upgrade = new UpgradeResponseReader(HandshakeWriter.expectedAccept(key, this.io.sha1()));
		this.key.interestOps(SelectionKey.OP_READ);
		markDirty();
	}

	private void read() throws IOException, ConnectionFailure {
		ByteBuffer buffer = this.io.readBuffer();
		for (int i = 0; i < MAX_READS_PER_EVENT; i++) {
			buffer.clear();
			int n = this.wire.read(buffer);
			if (n < 0) {
				onEndOfStream();
				return;
			}
			if (n == 0) {
				return;
			}
			this.receivedAt = System.nanoTime();
			buffer.flip();
			consume(buffer);
			if (this.state == State.CLOSED || (n < buffer.capacity() && (this.tls == null || !this.tls.hasPendingInput()))) {
				return;
			}
		}
	}

	private void consume(ByteBuffer buffer) throws ConnectionFailure {
		if (this.state == State.UPGRADING) {
			if (!this.upgrade.feed(buffer)) {
				return;
			}
			this.upgrade = null;
			this.deadline.cancel();
			this.state = State.OPEN;
			this.listener.onOpen(this);
			if (this.state == State.CLOSED) {
				return;
			}
		}
		this.parser.feed(buffer, this);
	}

	@Override
	public void onDataStart(int opcode) throws ConnectionFailure {
		// §5.5.1: after sending a close frame, an endpoint sends no more data frames.
		if (this.closeReceived) {
			throw ConnectionFailure.protocol("data frame after the server's close frame");
		}
		if (opcode != this.settings.pattern().opcode()) {
			throw ConnectionFailure.mismatch(describe() + "message " + this.nextReceiveSeq + " arrived with opcode " + opcode);
		}
		this.receivedBytes = 0;
	}

	@Override
	public void onDataPayload(ByteBuffer chunk) throws ConnectionFailure {
		PayloadPattern pattern = this.settings.pattern();
		int n = chunk.remaining();
		if ((long) this.receivedBytes + n > pattern.size()) {
			throw ConnectionFailure.mismatch(describe() + "message " + this.nextReceiveSeq + " is longer than the "
					+ pattern.size() + " bytes sent");
		}
		if (!pattern.matches(this.nextReceiveSeq, this.receivedBytes, chunk)) {
			throw ConnectionFailure.mismatch(describe() + "message " + this.nextReceiveSeq + " differs from what was sent in bytes "
					+ this.receivedBytes + ".." + (this.receivedBytes + n));
		}
		this.receivedBytes += n;
	}

	@Override
	public void onDataEnd() throws ConnectionFailure {
		if (this.receivedBytes != this.settings.pattern().size()) {
			throw ConnectionFailure.mismatch(describe() + "message " + this.nextReceiveSeq + " has " + this.receivedBytes
					+ " bytes, " + this.settings.pattern().size() + " were sent");
		}
		if (this.state != State.CLOSED) {
			this.listener.onMessage(this, this.nextReceiveSeq++);
		}
	}

	@Override
	public void onControl(int opcode, byte[] payload, int length) throws ConnectionFailure {
		if (opcode == MaskedFrameWriter.OPCODE_PING && !this.closeSent && !this.midFrame) {
			// §5.5.2: a ping is answered with a pong carrying the same application data.
			ByteBuffer buffer = this.out.reserve(MaskedFrameWriter.headerLength(length) + length);
			MaskedFrameWriter.writeControl(buffer, MaskedFrameWriter.OPCODE_PONG, payload, length, this.io.random().nextInt());
			markDirty();
		}
		else if (opcode == MaskedFrameWriter.OPCODE_CLOSE) {
			onCloseFrame(payload, length);
		}
	}

	private void onCloseFrame(byte[] payload, int length) throws ConnectionFailure {
		if (length == 1) {
			throw ConnectionFailure.protocol("close frame with a 1-byte payload");
		}
		this.closeReceived = true;
		if (!this.closeSent) {
			int code = (length >= 2) ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
			this.settings.errors().record(Errors.SERVER_CLOSE, describe() + "server closed with code " + code);
			if (this.midFrame) {
				// §5.4: control frames may come between the frames of a message, never inside a frame.
				abort();
				return;
			}
			// §5.5.1: the endpoint that receives a close first answers with a close, usually echoing the code.
			sendClose(payload, Math.min(length, 2));
			awaitServerClose();
		}
	}

	private void sendClose(byte[] payload, int length) {
		ByteBuffer buffer = this.out.reserve(MaskedFrameWriter.headerLength(length) + length);
		MaskedFrameWriter.writeControl(buffer, MaskedFrameWriter.OPCODE_CLOSE, payload, length, this.io.random().nextInt());
		this.closeSent = true;
		markDirty();
	}

	private void awaitServerClose() {
		this.state = State.CLOSING;
		// §7.1.1: the server closes the TCP connection first; we wait for that, but not forever.
		this.deadline = this.io.schedule(this.settings.closeTimeoutNanos(),
				() -> fail(Errors.CLOSE_TIMEOUT, "close handshake not finished after "
						+ this.settings.closeTimeoutNanos() / 1_000_000 + " ms (close received: " + this.closeReceived + ")"));
	}

	private void onEndOfStream() {
		if (this.closeSent && this.closeReceived) {
			finish(true);
		}
		else {
			fail(Errors.UNEXPECTED_EOF, "server closed TCP in state " + this.state);
		}
	}

	private void markDirty() {
		if (!this.dirty) {
			this.dirty = true;
			this.io.markDirty(this);
		}
	}

	private void fail(String category, String detail) {
		if (this.state != State.CLOSED) {
			this.settings.errors().record(category, describe() + detail);
			finish(false);
		}
	}

	private void finish(boolean clean) {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		if (this.deadline != null) {
			this.deadline.cancel();
		}
		if (this.channel != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// Closing is all we wanted.
			}
		}
		this.out.release();
		this.listener.onClosed(this, clean);
		if (this.whenClosed != null) {
			this.whenClosed.run();
		}
	}

	private String describe() {
		String local = "";
		try {
			if (this.channel != null && this.channel.getLocalAddress() instanceof InetSocketAddress address) {
				local = address.getAddress().getHostAddress() + ":" + address.getPort() + " ";
			}
		}
		catch (IOException | RuntimeException ex) {
			// The description is only for humans.
		}
		return "[" + local + this.state + "] ";
	}
}
