package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;

import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.OutboundSink;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.protocol.extension.Extensions;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsUpgrade;
import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection, from accept to close, on its {@link IoLoop}'s thread: the upgrade
 * request through a {@link HandshakeStage} (and the server's {@link HandshakeInterceptors},
 * if it has some, while the connection is not read), then a {@link ProtocolEngine} fed by its
 * {@link ConnectionReader}, whose events {@link SessionEvents} turns into handler calls and
 * whose output its {@link ConnectionWriter} writes; its {@link ConnectionCloser} holds the
 * server's own reasons to close. It asks the engine when the TCP connection may end, and
 * closes the socket in exactly one place, {@link #closeNow()}.
 */
final class Connection implements OutboundSink {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

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

	private final NioWsServer server;

	private final IoLoop loop;

	private final Transport transport;

	/** What waits to be written; made when something is queued, let go by {@link #trim()} once empty. */
	private @Nullable OutboundBuffer output;

	private final ConnectionWriter writer;

	private @Nullable SelectionKey key;

	private volatile Phase phase = Phase.HANDSHAKE;

	private @Nullable HandshakeStage handshake;

	private volatile @Nullable ProtocolEngine engine;

	private @Nullable SessionEvents events;

	/** Set once the closing handshake began, for threads other than the I/O thread. */
	private volatile boolean closing;

	private boolean slotHeld;

	/** The client address whose per-address connection count this connection holds, to give back once. */
	private @Nullable InetAddress addressHeld;

	/** The upgrade accepted so far that waits for the handshake interceptors; I/O thread only. */
	private HandshakeStage.@Nullable Decision undecided;

	/** The client a trusted proxy forwarded, once known: what logs name instead of the proxy. */
	private volatile @Nullable InetSocketAddress forwardedClient;

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

	/**
	 * A connection on an accepted socket: plain, or TLS when the server has an
	 * {@link SslEngineSource}.
	 * @throws IOException when the TLS engine cannot begin its handshake
	 */
	Connection(NioWsServer server, IoLoop loop, SocketChannel channel) throws IOException {
		this.server = server;
		this.loop = loop;
		ServerSettings settings = server.settings();
		SslEngineSource ssl = settings.sslEngines();
		this.transport = (ssl != null) ? tls(channel, ssl) : new PlainTransport(channel);
		loop.timers().accepted(this, loop.now());
		this.writer = new ConnectionWriter(this);
		this.handshake = new HandshakeStage(server, settings, this.transport::remoteAddress,
				this.transport::sslSession);
	}

	private Transport tls(SocketChannel channel, SslEngineSource ssl) throws IOException {
		SSLEngine engine = ssl.createEngine((InetSocketAddress) channel.getRemoteAddress());
		try {
			return new TlsTransport(channel, ssl, engine, this);
		}
		catch (IOException | RuntimeException ex) {
			ssl.release(engine);
			throw ex;
		}
	}

	void registered(SelectionKey key) {
		this.key = key;
	}

	// ---- the upgrade request and its outcome ----

	/** Bytes of the upgrade request, perhaps followed by the client's first frames. */
	void onHandshakeBytes(ByteBuffer buffer) {
		HandshakeStage stage = this.handshake;
		HandshakeStage.Decision decision = (stage != null) ? stage.read(buffer) : null;
		if (decision == null) {
			return;
		}
		this.slotHeld = decision.slotReserved();
		this.addressHeld = decision.addressReserved();
		WsUpgrade upgrade = decision.upgrade();
		WsRoute route = decision.route();
		if (!decision.response().isAccepted() || route == null || upgrade == null) {
			refuse(route, decision.response());
			return;
		}
		noteClient(upgrade);
		HandshakeInterceptors interceptors = this.server.interceptors(route.path());
		if (interceptors != null) {
			awaitDecision(decision, upgrade, interceptors, buffer);
			return;
		}
		open(upgrade, route, decision.response());
		if (buffer.hasRemaining()) {
			// The client's first frames may share the packet with its upgrade request.
			this.loop.reader().receive(this, buffer);
		}
	}

	private void noteClient(WsUpgrade upgrade) {
		InetSocketAddress client = upgrade.remoteAddress();
		if (client != null && !client.equals(this.transport.remoteAddress())) {
			this.forwardedClient = client;
		}
	}

	/**
	 * Hands the accepted upgrade to the interceptors, off this thread, and reads nothing
	 * until they decided; the client's first frames, if they came along, wait.
	 */
	private void awaitDecision(HandshakeStage.Decision decision, WsUpgrade upgrade,
			HandshakeInterceptors interceptors, ByteBuffer buffer) {
		if (buffer.hasRemaining()) {
			this.heldInput = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
		}
		setInterest(SelectionKey.OP_READ, false);
		this.undecided = decision;
		interceptors.decide(upgrade, this.server.executor())
			.thenAccept((refusal) -> this.loop.execute(() -> decided(decision, refusal)));
	}

	/** The interceptors decided; ignored when the handshake timed out or the connection closed meanwhile. */
	private void decided(HandshakeStage.Decision decision, @Nullable HandshakeResponse refusal) {
		if (this.undecided != decision || this.phase != Phase.HANDSHAKE) {
			return;
		}
		this.undecided = null;
		WsRoute route = decision.route();
		WsUpgrade upgrade = decision.upgrade();
		if (refusal != null || route == null || upgrade == null) {
			releaseSlot();
			releaseAddress();
			refuse(route, (refusal != null) ? refusal : HandshakeResponse.reject(500, "Internal Server Error"));
			return;
		}
		open(upgrade, route, decision.response());
		ByteBuffer held = this.heldInput;
		this.heldInput = null;
		setInterest(SelectionKey.OP_READ, true);
		if (held != null) {
			this.loop.reader().receive(this, held);
		}
	}

	/**
	 * The handshake timeout passed: 408 when the request is not complete yet, 503 when the
	 * interceptors have not decided, since it is then the server that is late.
	 */
	void onHandshakeOverdue() {
		HandshakeStage.Decision waiting = this.undecided;
		this.undecided = null;
		if (!this.transport.isEstablished()) {
			// Within the TLS handshake: there is no channel for an HTTP answer yet.
			closeNow();
			return;
		}
		if (waiting == null) {
			refuse(null, HandshakeResponse.reject(408, "Request Timeout"));
			return;
		}
		releaseSlot();
		releaseAddress();
		this.heldInput = null;
		refuse(waiting.route(),
				HandshakeResponse.reject(503, "The upgrade could not be decided in time; try again later")
					.withHeader("Retry-After", "5"));
	}

	/** Answers the upgrade request with a refusal; the connection ends once it is written. */
	void refuse(@Nullable WsRoute route, HandshakeResponse response) {
		this.handshake = null;
		settings().observer().onHandshake((route != null) ? route.path() : null, response.status());
		output().addFrame(ByteBuffer.wrap(response.toBytes()));
		setInterest(SelectionKey.OP_READ, false);
		this.loop.timers().closing(this, this.loop.now());
		this.writer.scheduleFlush();
	}

	private void open(WsUpgrade upgrade, WsRoute route, HandshakeResponse response) {
		this.handshake = null;
		output().addFrame(ByteBuffer.wrap(response.toBytes()));
		Extensions extensions = Extensions.of(response.extensions());
		SessionEvents sessionEvents = SessionEvents.open(this, upgrade, route, response.subprotocol(),
				() -> this.loop.reader().resumeSoon(this));
		this.events = sessionEvents;
		this.engine = new ProtocolEngine(settings().frameCodec(), extensions, settings().limits(), sessionEvents,
				this, !route.nonBlocking());
		this.phase = Phase.OPEN;
		this.loop.timers().opened(this, this.loop.now());
		settings().observer().onHandshake(route.path(), 101);
		sessionEvents.started();
		this.writer.scheduleFlush();
	}

	// ---- after the engine was used, and when everything is written ----

	/** Called after each use of the engine on the I/O thread: notes its state and writes at the end of the turn. */
	void afterEngine() {
		noteEngineState();
		this.writer.scheduleFlush();
	}

	/** Starts the close timer once the closing handshake began, whoever began it. */
	void noteEngineState() {
		ProtocolEngine current = this.engine;
		if (current != null && current.state() != ProtocolEngine.State.OPEN && !this.closing) {
			this.closing = true;
			this.loop.timers().closing(this, this.loop.now());
		}
	}

	/** Everything queued may be written: the refusal is out, or the closing handshake may end TCP. */
	void outputDrained() {
		if (outputBytes() != 0 || this.phase == Phase.CLOSED || this.phase == Phase.LINGERING) {
			return;
		}
		if (this.phase == Phase.HANDSHAKE) {
			if (this.handshake == null) {
				linger();
			}
			return;
		}
		ProtocolEngine current = this.engine;
		if (current != null && current.isTcpCloseExpected()) {
			if (this.inputEnded || this.abandoned) {
				closeNow();
			}
			else {
				linger();
			}
		}
	}

	/** RFC 6455 §7.1.1: the server closes the TCP connection first; shut our side and read until the peer's. */
	private void linger() {
		this.phase = Phase.LINGERING;
		try {
			this.transport.shutdownOutput();
		}
		catch (IOException ex) {
			closeNow();
			return;
		}
		setInterest(SelectionKey.OP_READ, true);
	}

	// ---- closing ----

	void onTransportFailure(IOException ex) {
		logger.debug("Connection from {} failed: {}", remote(), ex.toString());
		closeNow();
	}

	/** Closes the socket and releases everything; the one place a socket is closed. */
	void closeNow() {
		if (this.phase == Phase.CLOSED) {
			return;
		}
		this.phase = Phase.CLOSED;
		try {
			if (this.key != null) {
				this.key.cancel();
			}
			try {
				this.transport.close();
			}
			catch (IOException ex) {
				logger.trace("Closing the socket of {} failed", remote(), ex);
			}
			this.output = null;
			this.writer.shut();
			this.heldInput = null;
			this.handshake = null;
			this.undecided = null;
			this.loop.remove(this);
			SessionEvents session = this.events;
			if (session != null) {
				session.end(CloseStatus.ABNORMAL);
			}
			releaseSlot();
			releaseAddress();
		}
		finally {
			ProtocolEngine current = this.engine;
			// A closed session keeps no protocol buffers, even if the application keeps the session.
			this.engine = null;
			if (current != null) {
				current.release();
			}
			this.server.connectionClosed();
		}
	}

	// ---- for the other parts of the connection, the session and the loop ----

	/** The handler fell behind: stop reading after the current frame. */
	void pauseInput() {
		this.loop.reader().pause(this);
	}

	/** The peer does not read what it is sent: give up on it. I/O thread. */
	void onOutboundOverflow() {
		this.loop.closer().onOutboundOverflow(this);
	}

	/** Gives back the buffers a quiet connection holds; the loop's sweep calls it now and then. */
	void trim() {
		OutboundBuffer queued = this.output;
		if (queued != null && queued.isEmpty()) {
			this.output = null;
		}
		ProtocolEngine current = this.engine;
		if (current != null) {
			current.trim();
		}
	}

	/** Frees the max-connections slot this connection holds, once. */
	void releaseSlot() {
		if (this.slotHeld) {
			this.slotHeld = false;
			this.server.releaseSession();
		}
	}

	/** Whether the I/O loop reads this connection when bytes arrive. */
	boolean isReading() {
		SelectionKey selectionKey = this.key;
		return selectionKey != null && selectionKey.isValid() && (selectionKey.interestOps() & SelectionKey.OP_READ) != 0;
	}

	/** Gives back the per-address connection this connection counts for, once. */
	private void releaseAddress() {
		InetAddress address = this.addressHeld;
		AddressLimits limits = this.server.addressLimits();
		if (address != null && limits != null) {
			this.addressHeld = null;
			limits.releaseConnection(address);
		}
	}

	void setInterest(int op, boolean on) {
		SelectionKey selectionKey = this.key;
		if (selectionKey != null && selectionKey.isValid()) {
			if (on) {
				selectionKey.interestOpsOr(op);
			}
			else {
				selectionKey.interestOpsAnd(~op);
			}
		}
	}

	@Nullable ProtocolEngine engine() {
		return this.engine;
	}

	@Nullable SessionEvents events() {
		return this.events;
	}

	/** Whether the engine holds its close replies behind handler calls, which run on worker threads. */
	boolean holdsCloseReplies() {
		SessionEvents session = this.events;
		return session != null && !session.session().route().nonBlocking();
	}

	/** The buffer of what waits to be written, made now if there was none; I/O thread. */
	OutboundBuffer output() {
		OutboundBuffer queued = this.output;
		if (queued == null) {
			queued = new OutboundBuffer();
			this.output = queued;
		}
		return queued;
	}

	/** The engine queues its frames in {@link #output()}. */
	@Override
	public OutboundBuffer outboundBuffer() {
		return output();
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

	ConnectionWriter writer() {
		return this.writer;
	}

	ServerSettings settings() {
		return this.server.settings();
	}

	NioWsServer server() {
		return this.server;
	}

	Transport transport() {
		return this.transport;
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
		return this.phase == Phase.OPEN && !this.closing && !this.writer.isRefusing();
	}

	Phase phase() {
		return this.phase;
	}

	/** The client a trusted proxy forwarded, when it is not the TCP peer; else {@code null}. */
	@Nullable InetSocketAddress forwardedClient() {
		return this.forwardedClient;
	}

	/** The client, for logs: whom a trusted proxy forwarded, else the TCP peer. */
	Object remote() {
		Object address = this.forwardedClient;
		if (address == null) {
			address = this.transport.remoteAddress();
		}
		return (address != null) ? address : "(unknown)";
	}

}
