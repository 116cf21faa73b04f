package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;

import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.protocol.extension.Extensions;
import dev.wsboot.server.WsRoute;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection, from accept to close, on its {@link IoLoop}'s thread: reads the
 * upgrade request through a {@link HandshakeStage}, then feeds a {@link ProtocolEngine},
 * whose events {@link SessionEvents} turns into handler calls, and whose output its
 * {@link ConnectionWriter} writes. It decides, asking the engine, when to stop reading, when
 * to shut its side and when to close; the socket is closed in exactly one place,
 * {@link #closeNow()}.
 */
final class Connection {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	/**
	 * How long a peer that stopped reading gets to take the 1008 close frame: it is given
	 * up on, so it does not get the whole close timeout.
	 */
	static final Duration OVERFLOW_CLOSE_GRACE = Duration.ofSeconds(1);

	/** What a lingering connection reads at most while waiting for the peer to close: a flood is cut off. */
	static final int LINGER_READ_LIMIT = 64 * 1024;

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

	private final ServerSettings settings;

	private final Transport transport;

	private final OutboundBuffer output = new OutboundBuffer();

	private final ConnectionWriter writer;

	private final ConnectionTimers timers;

	private @Nullable SelectionKey key;

	private volatile Phase phase = Phase.HANDSHAKE;

	private @Nullable HandshakeStage handshake;

	private volatile @Nullable ProtocolEngine engine;

	private @Nullable SessionEvents events;

	/** Bytes read while the engine's input was paused, to hand over when it resumes. */
	private @Nullable ByteBuffer heldInput;

	/** The peer shut its side: nothing more to read. */
	private boolean inputEnded;

	/** The server gave up on the peer: no reading, no waiting for its close. */
	private boolean abandoned;

	/** Whether the engine holds its close replies behind handler calls on worker threads. */
	private boolean holdCloseReplies;

	/** Set once the closing handshake began, for threads other than the I/O thread. */
	private volatile boolean closing;

	private boolean slotHeld;

	private int lingerRead;

	/** I/O thread only: this connection's index in its loop's list, for O(1) removal. */
	int loopIndex = -1;

	Connection(NioWsServer server, IoLoop loop, Transport transport) {
		this.server = server;
		this.loop = loop;
		this.settings = server.settings();
		this.transport = transport;
		this.writer = new ConnectionWriter(this, loop, transport, this.output, this.settings.maxOutboundBuffer());
		this.timers = new ConnectionTimers(this.settings, loop.now());
		this.handshake = new HandshakeStage(server, this.settings, this::remote);
	}

	void registered(SelectionKey key) {
		this.key = key;
	}

	// ---- reading ----

	void onReadable(ByteBuffer buffer) {
		buffer.clear();
		int read;
		try {
			read = this.transport.read(buffer);
		}
		catch (IOException ex) {
			onTransportFailure(ex);
			return;
		}
		if (read < 0) {
			onEndOfStream();
			return;
		}
		this.timers.read(this.loop.now());
		buffer.flip();
		switch (this.phase) {
			case HANDSHAKE -> onHandshakeBytes(buffer);
			case OPEN -> receive(buffer);
			case LINGERING -> {
				// What the peer still sends is dropped, up to a bound.
				this.lingerRead += read;
				if (this.lingerRead > LINGER_READ_LIMIT) {
					closeNow();
				}
			}
			default -> {
			}
		}
	}

	private void onHandshakeBytes(ByteBuffer buffer) {
		HandshakeStage stage = this.handshake;
		HandshakeStage.Decision decision = (stage != null) ? stage.read(buffer) : null;
		if (decision == null) {
			return;
		}
		this.handshake = null;
		this.slotHeld = decision.slotReserved();
		if (!decision.response().isAccepted() || decision.route() == null || decision.request() == null) {
			refuse(decision.route(), decision.response());
			return;
		}
		open(decision.request(), decision.route(), decision.response());
		if (buffer.hasRemaining()) {
			// The client's first frames may share the packet with its upgrade request.
			receive(buffer);
		}
	}

	private void receive(ByteBuffer buffer) {
		ProtocolEngine current = this.engine;
		if (current == null) {
			return;
		}
		long queuedBefore = this.output.bytes();
		current.receive(buffer);
		if (current.isInputPaused()) {
			if (buffer.hasRemaining()) {
				this.heldInput = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
			}
			setInterest(SelectionKey.OP_READ, false);
		}
		afterEngine();
		if (queuedBefore > 0 && this.output.bytes() > queuedBefore) {
			// The engine answered pings: a peer that pings and never reads must not make the
			// server buffer its pongs without bound.
			this.writer.checkLimit();
		}
	}

	/** The handler fell behind: stop reading after the current frame. */
	void pauseInput() {
		ProtocolEngine current = this.engine;
		if (current != null) {
			current.pauseInput();
		}
	}

	/** Asks the I/O thread to read again, if the handler caught up by then; any thread. */
	void resumeInputSoon() {
		this.loop.execute(this::resumeInput);
	}

	private void resumeInput() {
		ProtocolEngine current = this.engine;
		SessionEvents session = this.events;
		if (this.phase != Phase.OPEN || current == null || session == null || !current.isInputPaused()
				|| session.calls().isBacklogged()) {
			return;
		}
		current.resumeInput();
		ByteBuffer held = this.heldInput;
		this.heldInput = null;
		if (held != null) {
			receive(held);
		}
		if (!current.isInputPaused() && !this.inputEnded && !this.abandoned) {
			setInterest(SelectionKey.OP_READ, true);
		}
	}

	private void onEndOfStream() {
		this.inputEnded = true;
		setInterest(SelectionKey.OP_READ, false);
		ProtocolEngine current = this.engine;
		if (this.phase != Phase.OPEN || current == null || !current.isInputDone()) {
			// Before the closing handshake, or waiting for the reply to our close: the peer is gone.
			if (this.phase == Phase.OPEN && logger.isDebugEnabled()) {
				logger.debug("Connection from {} closed without a close frame", remote());
			}
			closeNow();
			return;
		}
		// The peer closed and shut its side: what it is owed (replies, our close) still goes out.
		outputDrainedCheck();
	}

	void onTransportFailure(IOException ex) {
		logger.debug("Connection from {} failed: {}", remote(), ex.toString());
		closeNow();
	}

	// ---- the handshake's outcome ----

	private void refuse(@Nullable WsRoute route, HandshakeResponse response) {
		this.settings.observer().onHandshake((route != null) ? route.path() : null, response.status());
		this.output.addFrame(ByteBuffer.wrap(response.toBytes()));
		setInterest(SelectionKey.OP_READ, false);
		this.timers.closing(this.loop.now());
		this.writer.scheduleFlush();
	}

	private void open(HandshakeRequest request, WsRoute route, HandshakeResponse response) {
		this.output.addFrame(ByteBuffer.wrap(response.toBytes()));
		Extensions extensions = Extensions.of(response.extensions());
		NioWsSession session = new NioWsSession(this, this.server.nextSessionId(), request, response.subprotocol());
		HandlerCalls calls = route.nonBlocking() ? new InlineHandlerCalls(route.handler(), session)
				: new WorkerHandlerCalls(route.handler(), session, this.server.executor(), this::resumeInputSoon,
						this::onExecutorRejected);
		SessionEvents sessionEvents = new SessionEvents(this, session, calls, this.settings.observer());
		this.events = sessionEvents;
		this.holdCloseReplies = !route.nonBlocking();
		this.engine = new ProtocolEngine(
				this.settings.frameCodec().newDecoder(this.settings.limits(), extensions.reservedBits()),
				this.settings.frameCodec().encoder(), extensions, this.settings.limits(), sessionEvents, this.output,
				!route.nonBlocking());
		this.phase = Phase.OPEN;
		this.server.sessionOpened(session);
		this.settings.observer().onHandshake(route.path(), 101);
		this.settings.observer().onOpen(session);
		calls.open();
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
			this.timers.closing(this.loop.now());
		}
	}

	/** Everything queued is written: the refusal is out, or the closing handshake may end the TCP connection. */
	void outputDrained() {
		outputDrainedCheck();
	}

	private void outputDrainedCheck() {
		if (!this.output.isEmpty() || this.phase == Phase.CLOSED || this.phase == Phase.LINGERING) {
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

	/** Starts the closing handshake; any thread. */
	boolean close(CloseStatus status) {
		return this.writer.close(status);
	}

	/** Sends the close frame the engine held behind handler calls now done; any thread. */
	void releaseHeldCloseSoon() {
		this.loop.execute(() -> {
			ProtocolEngine current = this.engine;
			if (current != null) {
				current.releaseHeldClose();
				afterEngine();
			}
		});
	}

	/**
	 * Closes for a reason of the server's (shutdown, idle timeout) after the replies to the
	 * messages its handler already took, when the handler runs on worker threads. I/O thread.
	 */
	private void closeBehindHandlerCalls(CloseStatus status) {
		ProtocolEngine current = this.engine;
		SessionEvents session = this.events;
		if (current == null || session == null) {
			return;
		}
		if (!this.holdCloseReplies) {
			current.close(status);
		}
		else if (current.closeLater(status)) {
			session.calls().after(this::releaseHeldCloseSoon);
		}
		afterEngine();
	}

	boolean holdsCloseReplies() {
		return this.holdCloseReplies;
	}

	/** The peer does not read what it is sent: give up on it with 1008. I/O thread. */
	void onOutboundOverflow() {
		ProtocolEngine current = this.engine;
		SessionEvents session = this.events;
		if (this.phase != Phase.OPEN || current == null || session == null || this.abandoned) {
			return;
		}
		logger.debug("Session {} from {} does not read fast enough; closing it with 1008", session.session().id(),
				remote());
		this.settings.observer().onLimitExceeded("max-outbound-buffer");
		CloseStatus status = new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound buffer overflow");
		this.abandoned = true;
		this.writer.shut();
		this.heldInput = null;
		setInterest(SelectionKey.OP_READ, false);
		current.abort(status);
		long now = this.loop.now();
		this.timers.closeWithin(now, min(this.settings.closeTimeout(), OVERFLOW_CLOSE_GRACE));
		session.end(status);
		afterEngine();
	}

	void onExecutorRejected() {
		this.server.onExecutorRejected(this.events != null ? this.events.session() : null);
	}

	/** Server shutdown: open sessions get 1001 (going away), connections still in their handshake are closed. */
	void goAway() {
		if (this.phase == Phase.OPEN) {
			closeBehindHandlerCalls(CloseStatus.GOING_AWAY);
		}
		else if (this.phase == Phase.HANDSHAKE) {
			closeNow();
		}
	}

	/** Checks this connection's deadlines; called by the loop's sweep. */
	void checkTimers(long now) {
		if (this.timers.isCloseOverdue(now)) {
			closeNow();
			return;
		}
		if (this.timers.isClosing()) {
			return;
		}
		if (this.phase == Phase.HANDSHAKE) {
			if (this.timers.isHandshakeOverdue(now)) {
				logger.debug("Upgrade request from {} not complete within {}", remote(), this.settings.handshakeTimeout());
				this.settings.observer().onLimitExceeded("handshake-timeout");
				this.handshake = null;
				refuse(null, HandshakeResponse.reject(408, "Request Timeout"));
			}
			return;
		}
		ProtocolEngine current = this.engine;
		if (this.phase != Phase.OPEN || current == null || current.state() != ProtocolEngine.State.OPEN) {
			return;
		}
		if (this.timers.isIdle(now) && !current.isInputPaused()) {
			logger.debug("Closing session from {}: nothing received for {}", remote(), this.settings.idleTimeout());
			this.settings.observer().onLimitExceeded("idle-timeout");
			closeBehindHandlerCalls(CloseStatus.GOING_AWAY);
		}
		else if (this.timers.takePing(now)) {
			current.sendPing(new byte[0]);
			afterEngine();
		}
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
			this.output.clear();
			this.writer.shut();
			this.heldInput = null;
			this.handshake = null;
			this.loop.remove(this);
			SessionEvents session = this.events;
			if (session != null) {
				session.end(CloseStatus.ABNORMAL);
			}
			releaseSlot();
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

	// ---- for the session, the writer and the loop ----

	/** A message was admitted for sending: counted for the session and the observer. */
	void onQueued(Outbox.Request request, long size) {
		SessionEvents session = this.events;
		if (session != null && request.messageOpcode() != null) {
			session.session().countSent((int) size);
			this.settings.observer().onMessageSent(session.session(), request.messageOpcode() == Opcode.TEXT, (int) size);
		}
	}

	/** Frees the max-connections slot this connection holds, once. */
	void releaseSlot() {
		if (this.slotHeld) {
			this.slotHeld = false;
			this.server.releaseSession();
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

	ConnectionWriter writer() {
		return this.writer;
	}

	NioWsServer server() {
		return this.server;
	}

	Transport transport() {
		return this.transport;
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

	Object remote() {
		Object address = this.transport.remoteAddress();
		return (address != null) ? address : "(unknown)";
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
