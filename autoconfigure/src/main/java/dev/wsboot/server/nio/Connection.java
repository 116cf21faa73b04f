package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.OutboundSink;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;

/**
 * One TCP connection, from accept to close, on its {@link IoLoop}'s thread: its state, which
 * the loop's shared helpers act on. Its {@link ConnectionUpgrader} takes it through the
 * upgrade request (a {@link HandshakeStage}, and the server's {@link HandshakeInterceptors},
 * if it has some, while the connection is not read); then a {@link ProtocolEngine} is fed by
 * its {@link ConnectionReader}; the engine's events go to the {@link NioWsSession}, which
 * {@link SessionEvents} turns into handler calls, and its output is written by the
 * {@link ConnectionWriter}; its {@link ConnectionCloser} holds the server's own reasons to
 * close. It asks the engine when the TCP connection may end; its
 * {@link ConnectionTeardown} ends it, closing the socket in exactly one place.
 */
final class Connection implements OutboundSink, Runnable {

	enum Phase {
		/** Reading the upgrade request, or writing its refusal. */
		HANDSHAKE,
		/** Speaking WebSocket, closing handshake included. */
		OPEN,
		/** Our side is shut; reading until the peer closes its side. */
		LINGERING,
		/** The socket is closed. */
		CLOSED
	}

	private final IoLoop loop;

	private final Transport transport;

	// Written by the loop's shared ConnectionUpgrader and ConnectionTeardown too; I/O thread
	// only, unless volatile.

	/** What waits to be written; made when something is queued, let go by the loop's sweep once empty. */
	@Nullable OutboundBuffer output;

	/** The socket's registration with the loop's selector, made before this connection. */
	final SelectionKey key;

	volatile Phase phase = Phase.HANDSHAKE;

	/** Reads the upgrade request; let go once it is answered. */
	@Nullable HandshakeStage handshake;

	volatile @Nullable ProtocolEngine engine;

	/** The session, once the upgrade succeeded; it hears the engine. */
	@Nullable NioWsSession session;

	/** Whether the upgrade holds a max-connections slot, to give back once. */
	boolean slotHeld;

	/** The client address whose per-address connection count this connection holds, to give back once. */
	@Nullable InetAddress addressHeld;

	/** The client a trusted proxy forwarded, once known: what logs name instead of the proxy. */
	volatile @Nullable InetSocketAddress forwardedClient;

	/** Set once the closing handshake began, for threads other than the I/O thread. */
	private volatile boolean closing;

	/** I/O thread only: this connection's index in its loop's list, for O(1) removal. */
	int loopIndex = -1;

	// The state of the loop's shared ConnectionReader and ConnectionCloser; I/O thread only.

	/** Bytes read while the engine's input was paused, to hand over when it resumes. */
	@Nullable ByteBuffer heldInput;

	/** The peer shut its side: nothing more to read. */
	boolean inputEnded;

	// The times the loop's shared ConnectionTimers keep; I/O thread only.

	/** When bytes last arrived. */
	long lastReadAt;

	/** When the last keep-alive ping went out; before the upgrade, when the connection was accepted. */
	long lastPingAt;

	/** When the connection is dropped however far its closing got; 0 while it is not closing. */
	long closeDeadline;

	/** Bytes dropped while lingering. */
	int lingerRead;

	/** The server gave up on the peer: no reading, no waiting for its close. */
	boolean abandoned;

	// The sending state, which the stateless ConnectionWriter and SocketWriter act on; kept
	// here rather than in an object of its own, which an idle connection would pay for.

	/** Made by the first send from another thread (or a refusal to record); none until then. */
	volatile @Nullable Outbox outbox;

	/** What the engine queued and the socket did not take yet, while there is no outbox; capped. */
	volatile int engineBytes;

	/** While a flush asked for by another thread is queued on the loop; changed through a handle. */
	volatile boolean flushRequested;

	/** While what a worker's handler sent waits for the end of its batch of calls; changed through a handle. */
	volatile boolean flushDeferred;

	/** I/O thread only: in the loop's flush list for the end of this turn. */
	boolean flushScheduled;

	/** I/O thread only: the socket is full and OP_WRITE is set. */
	boolean waitingForSocket;

	/**
	 * A connection on an accepted socket, already registered with the loop's selector (which
	 * is how the connection finds its socket): plain, or TLS when the server has an
	 * {@link SslEngineSource}.
	 * @throws IOException when the TLS engine cannot begin its handshake
	 */
	Connection(IoLoop loop, SelectionKey key) throws IOException {
		this.loop = loop;
		this.key = key;
		NioWsServer server = loop.server();
		ServerSettings settings = server.settings();
		this.transport = Transport.of(channel(), settings.sslEngines(), this);
		loop.timers().accepted(this, loop.now());
		this.handshake = new HandshakeStage(server, settings, this::remoteAddress, this.transport::sslSession);
	}

	// ---- what the loop's shared helpers do with this connection, for its other parts ----

	/** The handler fell behind: stop reading after the current frame. */
	void pauseInput() {
		this.loop.reader().pause(this);
	}

	/** The peer does not read what it is sent: give up on it. I/O thread. */
	void onOutboundOverflow() {
		this.loop.closer().onOutboundOverflow(this);
	}

	/** Everything queued may be written: the refusal is out, or the closing handshake may end TCP. */
	void outputDrained() {
		this.loop.teardown().outputDrained(this);
	}

	void onTransportFailure(IOException ex) {
		this.loop.teardown().onTransportFailure(this, ex);
	}

	/** Closes the socket and releases everything; the one place a socket is closed. */
	void closeNow() {
		this.loop.teardown().closeNow(this);
	}

	/** Frees the max-connections slot this connection holds, once. */
	void releaseSlot() {
		this.loop.teardown().releaseSlot(this);
	}

	// ---- the engine, the socket's interest, and what the other parts ask ----

	/** Called after each use of the engine on the I/O thread: notes its state and writes at the end of the turn. */
	void afterEngine() {
		noteEngineState();
		this.loop.scheduleFlush(this);
	}

	/** Starts the close timer once the closing handshake began, whoever began it. */
	void noteEngineState() {
		ProtocolEngine current = this.engine;
		if (current != null && current.state() != ProtocolEngine.State.OPEN && !this.closing) {
			this.closing = true;
			this.loop.timers().closing(this, this.loop.now());
		}
	}

	/** Whether the I/O loop reads this connection when bytes arrive. */
	boolean isReading() {
		return this.key.isValid() && (this.key.interestOps() & SelectionKey.OP_READ) != 0;
	}

	void setInterest(int op, boolean on) {
		if (this.key.isValid()) {
			if (on) {
				this.key.interestOpsOr(op);
			}
			else {
				this.key.interestOpsAnd(~op);
			}
		}
	}

	@Nullable ProtocolEngine engine() {
		return this.engine;
	}

	@Nullable NioWsSession session() {
		return this.session;
	}

	/**
	 * The buffer of what waits to be written, made now if there was none: where the engine
	 * queues its frames, and the upgrade its answer; I/O thread.
	 */
	@Override
	public OutboundBuffer outboundBuffer() {
		OutboundBuffer queued = this.output;
		if (queued == null) {
			queued = new OutboundBuffer();
			this.output = queued;
		}
		return queued;
	}

	/** The buffer of what waits to be written, or {@code null} when nothing was queued since it was let go. */
	@Nullable OutboundBuffer outputIfAny() {
		return this.output;
	}

	/** Bytes waiting to be written, without making a buffer to say none; I/O thread. */
	long outputBytes() {
		OutboundBuffer queued = this.output;
		return (queued != null) ? queued.bytes() : 0;
	}

	ServerSettings settings() {
		return this.loop.server().settings();
	}

	NioWsServer server() {
		return this.loop.server();
	}

	Transport transport() {
		return this.transport;
	}

	/** The accepted socket, which the {@link #transport()} is given with each call. */
	SocketChannel channel() {
		return (SocketChannel) this.key.channel();
	}

	/** The TCP peer, or {@code null} when it is no longer known. */
	@Nullable InetSocketAddress remoteAddress() {
		return this.transport.remoteAddress(channel());
	}

	IoLoop loop() {
		return this.loop;
	}

	long loopNow() {
		return this.loop.now();
	}

	boolean isClosed() {
		return this.phase == Phase.CLOSED;
	}

	/** Whether messages can still be sent: open, and no closing begun or asked for; any thread. */
	boolean isOpen() {
		return this.phase == Phase.OPEN && !this.closing && !ConnectionWriter.isRefusing(this);
	}

	Phase phase() {
		return this.phase;
	}

	/** The flush another thread asked for, run on the I/O thread; see {@link ConnectionWriter}. */
	@Override
	public void run() {
		ConnectionWriter.onFlushRequested(this);
	}

	/** The client: whom a trusted proxy forwarded, else the TCP peer; {@code null} when neither is known. */
	@Nullable InetSocketAddress clientAddress() {
		InetSocketAddress forwarded = this.forwardedClient;
		return (forwarded != null) ? forwarded : remoteAddress();
	}

	/** The client, for logs. */
	Object remote() {
		InetSocketAddress address = clientAddress();
		return (address != null) ? address : "(unknown)";
	}

}
