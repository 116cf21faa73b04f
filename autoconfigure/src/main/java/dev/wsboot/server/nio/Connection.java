package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.ProtocolListener;
import dev.wsboot.protocol.ProtocolSession;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection, from accept to close: the upgrade request, then the
 * {@link ProtocolSession}, the dispatch of handler calls, timers and closing; its
 * {@link ConnectionWriter} sends.
 *
 * <p>State changes happen on the connection's {@link IoLoop} thread; sending may happen on
 * any thread and is guarded by the writer's lock. The socket is closed in exactly
 * one place, {@link #closeNow()}.
 */
final class Connection implements ProtocolListener {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	enum State {
		/** Reading the upgrade request. */
		HANDSHAKE,
		/** WebSocket frames flow; we may have sent a close and be waiting for the reply. */
		OPEN,
		/** Our last bytes are written and our side shut; reading until the peer closes. */
		LINGERING,
		/** The socket is closed. */
		CLOSED
	}

	private final NioWsServer server;

	private final IoLoop loop;

	private final SocketChannel channel;

	private final ServerSettings settings;

	private final ConnectionWriter writer;

	private @Nullable SelectionKey key;

	private volatile State state = State.HANDSHAKE;

	private final HandshakeStage handshake;

	private @Nullable ProtocolSession protocol;

	private @Nullable NioWsSession session;

	private @Nullable WsHandler handler;

	private @Nullable HandlerDispatcher dispatcher;

	/** I/O thread only: this connection's index in its loop's list, for O(1) removal. */
	int loopIndex = -1;

	private final long acceptedAt;

	private long lastReadAt;

	private long lastPingAt;

	private volatile long closeSentAt;

	private volatile @Nullable CloseStatus closeSent;

	private boolean sessionEnded;

	/** I/O thread only: this connection holds one of the max-connections session slots. */
	private boolean sessionReserved;

	Connection(NioWsServer server, IoLoop loop, SocketChannel channel) {
		this.server = server;
		this.loop = loop;
		this.channel = channel;
		this.settings = server.settings();
		this.writer = new ConnectionWriter(this, channel, loop, this.settings);
		this.handshake = new HandshakeStage(server, this.settings, this::remote);
		this.acceptedAt = loop.now();
		this.lastReadAt = this.acceptedAt;
	}

	void registered(SelectionKey key) {
		this.key = key;
	}

	SocketChannel channel() {
		return this.channel;
	}

	State state() {
		return this.state;
	}

	// ---- reading (I/O thread) ----

	void onReadable(ByteBuffer buffer) {
		buffer.clear();
		int read;
		try {
			read = this.channel.read(buffer);
		}
		catch (IOException ex) {
			onTransportFailure(ex);
			return;
		}
		if (read < 0) {
			onEndOfStream();
			return;
		}
		if (read == 0) {
			return;
		}
		this.lastReadAt = this.loop.now();
		buffer.flip();
		switch (this.state) {
			case HANDSHAKE -> {
				// Nothing more is read once the upgrade was refused: the refusal is being written out.
				if (this.handshake.isReading()) {
					onHandshakeBytes(buffer);
				}
			}
			case OPEN -> this.protocol.receive(buffer);
			default -> {
				// Lingering: what the peer still sends is read and dropped.
			}
		}
	}

	private void onEndOfStream() {
		if (this.state == State.OPEN) {
			logger.debug("Connection from {} closed without a close frame", remote());
		}
		closeNow();
	}

	void onTransportFailure(IOException ex) {
		logger.debug("Connection from {} failed: {}", remote(), ex.toString());
		closeNow();
	}

	private void onHandshakeBytes(ByteBuffer buffer) {
		HandshakeStage.Decision decision = this.handshake.read(buffer);
		if (decision == null) {
			return;
		}
		this.sessionReserved = decision.slotReserved();
		if (!decision.response().isAccepted()) {
			refuse(decision.route(), decision.response());
			return;
		}
		open(decision.request(), decision.route(), decision.response());
		if (buffer.hasRemaining()) {
			// The client's first frames may share the packet with its upgrade request.
			this.protocol.receive(buffer);
		}
	}

	private void releaseSession() {
		if (this.sessionReserved) {
			this.sessionReserved = false;
			this.server.releaseSession();
		}
	}

	private void refuse(@Nullable WsRoute route, HandshakeResponse response) {
		this.handshake.abandon();
		this.settings.observer().onHandshake((route != null) ? route.path() : null, response.status());
		this.writer.sendRaw(ByteBuffer.wrap(response.toBytes()));
		this.writer.closeAfterFlush();
	}

	private void open(HandshakeRequest request, WsRoute route, HandshakeResponse response) {
		this.writer.sendRaw(ByteBuffer.wrap(response.toBytes()));
		this.handler = route.handler();
		this.protocol = new ProtocolSession(this.settings.frameCodec().newDecoder(this.settings.limits()),
				this.settings.limits(), this, this.writer::sendControl);
		this.session = new NioWsSession(this, this.server.nextSessionId(), request, response.subprotocol());
		this.dispatcher = route.nonBlocking() ? null : new HandlerDispatcher(this, this.server.executor());
		this.state = State.OPEN;
		this.server.sessionOpened(this.session);
		this.settings.observer().onHandshake(route.path(), 101);
		this.settings.observer().onOpen(this.session);
		NioWsSession opened = this.session;
		WsHandler target = this.handler;
		call(() -> target.onOpen(opened));
	}

	// ---- protocol events (I/O thread) ----

	@Override
	public void onText(String text) {
		onMessage(text, null, this.protocol.lastMessageLength());
	}

	@Override
	public void onBinary(byte[] data) {
		onMessage(null, data, data.length);
	}

	/** A complete message: exactly one of {@code text} and {@code data} is set. */
	private void onMessage(@Nullable String text, byte @Nullable [] data, int length) {
		NioWsSession current = this.session;
		current.received(length);
		WsServerObserver observer = this.settings.observer();
		observer.onMessageReceived(current, text != null, length);
		WsHandler target = this.handler;
		if (observer != WsServerObserver.NONE) {
			call(() -> {
				long start = System.nanoTime();
				deliver(target, current, text, data);
				observer.onHandlerCompleted(current, System.nanoTime() - start);
			});
		}
		else if (this.dispatcher == null) {
			// Inline route: straight into the handler, no task object per message.
			try {
				deliver(target, current, text, data);
			}
			catch (Throwable ex) {
				onHandlerFailure(ex);
			}
		}
		else {
			this.dispatcher.dispatch(() -> deliver(target, current, text, data));
		}
	}

	private static void deliver(WsHandler target, NioWsSession session, @Nullable String text, byte @Nullable [] data) {
		if (text != null) {
			target.onText(session, text);
		}
		else {
			target.onBinary(session, data);
		}
	}

	@Override
	public void onPong(byte[] payload) {
		NioWsSession current = this.session;
		WsHandler target = this.handler;
		call(() -> target.onPong(current, payload));
	}

	@Override
	public void onCloseReceived(CloseStatus status) {
		// RFC 6455 §7.1.1: the server should close the TCP connection first, once the close
		// frames are exchanged.
		this.writer.requestTcpClose();
		endSession(status);
	}

	@Override
	public void onProtocolError(ProtocolException error) {
		logger.debug("Closing connection from {} with {}: {}", remote(), error.closeCode(), error.getMessage());
		this.writer.requestTcpClose();
		endSession(error.toCloseStatus());
	}

	// ---- handler calls ----

	private void call(Runnable call) {
		HandlerDispatcher queue = this.dispatcher;
		if (queue == null) {
			runHandlerCall(call);
		}
		else {
			queue.dispatch(call);
		}
	}

	/** Runs a handler call; an exception goes to the handler's onError and closes with 1011. */
	void runHandlerCall(Runnable call) {
		try {
			call.run();
		}
		catch (Throwable ex) {
			onHandlerFailure(ex);
		}
	}

	private void onHandlerFailure(Throwable ex) {
		NioWsSession current = this.session;
		logger.warn("WebSocket handler for {} failed; closing session {} with 1011", current.path(), current.id(), ex);
		try {
			this.handler.onError(current, ex);
		}
		catch (Throwable secondary) {
			logger.warn("WebSocket error handler for {} failed", current.path(), secondary);
		}
		close(CloseStatus.INTERNAL_ERROR);
	}

	void onExecutorRejected() {
		// Degrade rather than lose events: ordering and onClose are kept by running here.
		logger.warn("Handler executor refused work for session {}; running it on the I/O thread", this.session.id());
		this.settings.observer().onLimitExceeded("executor");
	}

	void pauseReading() {
		this.loop.execute(() -> setInterest(SelectionKey.OP_READ, false));
	}

	void resumeReading() {
		this.loop.execute(() -> setInterest(SelectionKey.OP_READ, true));
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

	// ---- closing ----

	/** Starts the closing handshake from the server's side; the close timer runs from now. */
	void close(CloseStatus status) {
		ProtocolSession current = this.protocol;
		if (current == null) {
			this.loop.execute(this::closeNow);
			return;
		}
		if (current.close(status)) {
			this.closeSent = status;
			this.closeSentAt = System.nanoTime();
		}
	}

	/** Ends the session, once: frees its slot, unregisters it, and calls the handler's onClose last. */
	private void endSession(CloseStatus status) {
		NioWsSession current = this.session;
		if (current == null) {
			return;
		}
		synchronized (this) {
			if (this.sessionEnded) {
				return;
			}
			this.sessionEnded = true;
		}
		// The slot frees with the session; a socket lingering for the peer's FIN holds none.
		releaseSession();
		this.server.sessionEnded(current);
		this.settings.observer().onClose(current, status);
		WsHandler target = this.handler;
		call(() -> {
			try {
				target.onClose(current, status);
			}
			finally {
				this.server.sessionFinished();
			}
		});
	}

	/** Shuts our side once everything is written and reads until the peer closes its side. */
	void linger() {
		if (this.state == State.LINGERING || this.state == State.CLOSED) {
			return;
		}
		this.state = State.LINGERING;
		this.closeSentAt = (this.closeSentAt == 0) ? System.nanoTime() : this.closeSentAt;
		try {
			this.channel.shutdownOutput();
		}
		catch (IOException ex) {
			closeNow();
		}
	}

	/** Closes the socket and releases everything; the one place a socket is closed. */
	void closeNow() {
		if (this.state == State.CLOSED) {
			return;
		}
		this.state = State.CLOSED;
		if (this.key != null) {
			this.key.cancel();
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.trace("Closing the socket of {} failed", remote(), ex);
		}
		this.writer.clear();
		this.handshake.abandon();
		this.loop.remove(this);
		releaseSession();
		CloseStatus sent = this.closeSent;
		endSession((sent != null) ? sent : CloseStatus.ABNORMAL);
		this.server.connectionClosed();
	}

	/** Server shutdown: open sessions get 1001 (going away), others are closed now. */
	void goAway() {
		if (this.state == State.OPEN) {
			close(CloseStatus.GOING_AWAY);
		}
		else if (this.state == State.HANDSHAKE) {
			closeNow();
		}
	}

	/** Checks the timers of this connection; called by the loop's sweep. */
	void checkTimers(long now) {
		long closeStarted = this.closeSentAt;
		if (closeStarted != 0) {
			// Waiting for the peer's close frame, or for it to close its side after ours.
			if (now - closeStarted > this.settings.closeTimeout().toNanos()) {
				closeNow();
			}
			return;
		}
		if (this.state == State.HANDSHAKE) {
			long limit = this.settings.handshakeTimeout().toNanos();
			if (limit > 0 && now - this.acceptedAt > limit) {
				logger.debug("Upgrade request from {} not complete within {}", remote(), this.settings.handshakeTimeout());
				this.settings.observer().onLimitExceeded("handshake-timeout");
				this.closeSentAt = now;
				refuse(null, HandshakeResponse.reject(408, "Request Timeout"));
			}
			return;
		}
		long idle = this.settings.idleTimeout().toNanos();
		if (idle > 0 && now - this.lastReadAt > idle) {
			logger.debug("Closing session from {}: nothing received for {}", remote(), this.settings.idleTimeout());
			this.settings.observer().onLimitExceeded("idle-timeout");
			close(CloseStatus.GOING_AWAY);
			return;
		}
		long ping = this.settings.pingInterval().toNanos();
		if (ping > 0 && now - Math.max(this.lastReadAt, this.lastPingAt) > ping) {
			this.lastPingAt = now;
			this.writer.sendControl(Opcode.PING, new byte[0]);
		}
	}

	// ---- for the writer, the session and the dispatcher ----

	ConnectionWriter writer() {
		return this.writer;
	}

	@Nullable NioWsSession session() {
		return this.session;
	}

	@Nullable HandlerDispatcher dispatcher() {
		return this.dispatcher;
	}

	/** Whether the calling thread is the worker running this connection's handler calls. */
	boolean isDrainingThread() {
		HandlerDispatcher queue = this.dispatcher;
		return queue != null && queue.isDrainingThread();
	}

	/** The peer does not read what it is sent: closed with 1008. */
	void onOutboundOverflow() {
		logger.debug("Session {} from {} does not read fast enough; closing it with 1008", this.session.id(), remote());
		this.settings.observer().onLimitExceeded("max-outbound-buffer");
		close(new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound buffer overflow"));
	}

	boolean isOpen() {
		ProtocolSession current = this.protocol;
		return this.state == State.OPEN && current != null && !current.isCloseSent() && !current.isInputDone();
	}

	private Object remote() {
		try {
			return this.channel.getRemoteAddress();
		}
		catch (IOException ex) {
			return "(unknown)";
		}
	}

}
