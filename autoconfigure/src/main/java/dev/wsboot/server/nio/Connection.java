package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeRequestParser;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.FrameEncoder;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.ProtocolListener;
import dev.wsboot.protocol.ProtocolSession;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection, from accept to close: the upgrade request, then the
 * {@link ProtocolSession}, the outbound queue and the dispatch of handler calls.
 *
 * <p>State changes happen on the connection's {@link IoLoop} thread; sending may happen on
 * any thread and is guarded by the outbound queue's lock. The socket is closed in exactly
 * one place, {@link #closeNow()}.
 */
final class Connection implements ProtocolListener {

	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	/** Payloads up to this size are copied behind their header into one array. */
	private static final int COPY_THRESHOLD = 8 * 1024;

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

	private final OutboundQueue outbound = new OutboundQueue();

	private @Nullable SelectionKey key;

	private volatile State state = State.HANDSHAKE;

	private @Nullable HandshakeRequestParser parser;

	private @Nullable ProtocolSession protocol;

	private @Nullable NioWsSession session;

	private @Nullable WsHandler handler;

	private @Nullable HandlerDispatcher dispatcher;

	/** Guarded by {@link #outbound}: OP_WRITE is set and the I/O thread owns writing. */
	private boolean writeInterest;

	/** Guarded by {@link #outbound}: once written out, shut our side and linger. */
	private boolean closeAfterFlush;

	/** Guarded by {@link #outbound}: our close frame is queued; no data frame may follow. */
	private boolean closeQueued;

	/** Guarded by {@link #outbound}: the TCP connection ends once our close frame is out. */
	private boolean tcpCloseRequested;

	/** I/O thread only: queued in the loop's flush list for the end of this turn. */
	boolean flushScheduled;

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
		this.parser = new HandshakeRequestParser(this.settings.handshakeLimits());
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
				// No parser once the upgrade was refused: the refusal is being written out.
				if (this.parser != null) {
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

	private void onTransportFailure(IOException ex) {
		logger.debug("Connection from {} failed: {}", remote(), ex.toString());
		closeNow();
	}

	private void onHandshakeBytes(ByteBuffer buffer) {
		HandshakeRequest request;
		try {
			request = this.parser.parse(buffer);
		}
		catch (HandshakeException ex) {
			logger.debug("Refused upgrade from {}: {} {}", remote(), ex.status(), ex.getMessage());
			refuse(null, ex.toResponse());
			return;
		}
		if (request == null) {
			return;
		}
		this.parser = null;
		WsRoute route = this.server.route(request.path());
		HandshakeResponse response = decide(request, route);
		if (!response.isAccepted() || route == null) {
			if (response.isAccepted()) {
				response = HandshakeResponse.reject(404, "No WebSocket endpoint at " + request.path());
			}
			logger.debug("Refused upgrade from {} to {}: {}", remote(), request.path(), response.status());
			refuse(route, response);
			return;
		}
		open(request, route, response);
		if (buffer.hasRemaining()) {
			// The client's first frames may share the packet with its upgrade request.
			this.protocol.receive(buffer);
		}
	}

	private HandshakeResponse decide(HandshakeRequest request, @Nullable WsRoute route) {
		if (route != null) {
			if (!this.server.reserveSession()) {
				this.settings.observer().onLimitExceeded("max-connections");
				return HandshakeResponse.reject(503, "Too many connections; try again later")
					.withHeader("Retry-After", "5");
			}
			this.sessionReserved = true;
		}
		HandshakeResponse response;
		try {
			response = this.settings.handshakeHandler().handshake(request, this.server.upgradeTarget(route));
		}
		catch (RuntimeException ex) {
			logger.error("Handshake handler failed for {} {}", request.method(), request.path(), ex);
			response = HandshakeResponse.reject(500, "Internal Server Error");
		}
		if (!response.isAccepted()) {
			releaseSession();
		}
		return response;
	}

	private void releaseSession() {
		if (this.sessionReserved) {
			this.sessionReserved = false;
			this.server.releaseSession();
		}
	}

	private void refuse(@Nullable WsRoute route, HandshakeResponse response) {
		this.parser = null;
		this.settings.observer().onHandshake((route != null) ? route.path() : null, response.status());
		enqueueRaw(ByteBuffer.wrap(response.toBytes()));
		closeAfterFlush();
	}

	private void open(HandshakeRequest request, WsRoute route, HandshakeResponse response) {
		enqueueRaw(ByteBuffer.wrap(response.toBytes()));
		this.handler = route.handler();
		this.protocol = new ProtocolSession(this.settings.frameCodec().newDecoder(this.settings.limits()),
				this.settings.limits(), this, this::sendControl);
		this.session = new NioWsSession(this, this.server.nextSessionId(), request, response.subprotocol());
		this.dispatcher = route.nonBlocking() ? null : new HandlerDispatcher(this, this.server.executor());
		this.state = State.OPEN;
		this.server.sessionOpened(this.session, route);
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
		requestTcpClose();
		endSession(status);
	}

	@Override
	public void onProtocolError(ProtocolException error) {
		logger.debug("Closing connection from {} with {}: {}", remote(), error.closeCode(), error.getMessage());
		requestTcpClose();
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

	void onExecutorRejected(RejectedExecutionException ex) {
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

	private void setInterest(int op, boolean on) {
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
		synchronized (this.outbound) {
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

	private void closeAfterFlush() {
		synchronized (this.outbound) {
			this.closeAfterFlush = true;
		}
		scheduleFlush();
	}

	/** Ends the TCP connection once our close frame, queued or still to come, is written. */
	private void requestTcpClose() {
		synchronized (this.outbound) {
			this.tcpCloseRequested = true;
			if (!this.closeQueued) {
				return;
			}
			this.closeAfterFlush = true;
		}
		scheduleFlush();
	}

	/** Shuts our side once everything is written and reads until the peer closes its side. */
	private void linger() {
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
		synchronized (this.outbound) {
			this.outbound.clear();
		}
		this.parser = null;
		this.loop.remove(this);
		releaseSession();
		CloseStatus sent = this.closeSent;
		endSession((sent != null) ? sent : CloseStatus.ABNORMAL);
		this.server.connectionClosed(this);
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
			sendControl(Opcode.PING, new byte[0]);
		}
	}

	// ---- writing (any thread) ----

	/** Sends a data message; called by the session from any thread. */
	SendResult sendData(Opcode opcode, byte[] payload, int offset, int length) {
		FrameEncoder encoder = this.settings.frameCodec().encoder();
		ByteBuffer header;
		ByteBuffer body = null;
		if (length <= COPY_THRESHOLD) {
			header = ByteBuffer.wrap(encoder.encode(true, opcode, payload, offset, length));
		}
		else {
			byte[] head = new byte[encoder.headerLength(length)];
			encoder.writeHeader(head, 0, true, opcode, length);
			header = ByteBuffer.wrap(head);
			body = ByteBuffer.wrap(payload, offset, length);
		}
		return sendFrame(header, body, opcode == Opcode.TEXT, length);
	}

	/** Sends frame bytes shared by many sessions, see {@link dev.wsboot.server.PreparedMessage}. */
	SendResult sendFrame(ByteBuffer frame, @Nullable ByteBuffer body, boolean text, int payloadLength) {
		long size = frame.remaining() + ((body != null) ? body.remaining() : 0);
		boolean overflow = false;
		synchronized (this.outbound) {
			ProtocolSession current = this.protocol;
			// RFC 6455 §5.5.1: after sending a Close frame, no more data frames.
			if (current == null || this.closeQueued || this.state != State.OPEN) {
				return SendResult.CLOSED;
			}
			if (wouldOverflow(size)) {
				overflow = true;
				this.outbound.clear();
			}
			else {
				this.outbound.add(frame);
				if (body != null) {
					this.outbound.add(body);
				}
				this.session.sent(payloadLength);
			}
		}
		if (overflow) {
			onOutboundOverflow();
			return SendResult.OVERFLOW;
		}
		this.settings.observer().onMessageSent(this.session, text, payloadLength);
		afterEnqueue();
		return SendResult.QUEUED;
	}

	/**
	 * Whether queueing {@code size} more bytes would pass the outbound limit; called under the
	 * outbound lock. Sends of a batch are only queued until the batch ends, so before calling
	 * it an overflow the queue is written out, and only what the socket does not take counts.
	 * One message alone may exceed the limit: it must be possible to send it at all.
	 */
	private boolean wouldOverflow(long size) {
		int limit = this.settings.maxOutboundBuffer();
		if (this.outbound.bytes() == 0 || this.outbound.bytes() + size <= limit) {
			return false;
		}
		if (!this.writeInterest) {
			try {
				write();
			}
			catch (IOException ex) {
				this.outbound.clear();
				this.loop.execute(() -> onTransportFailure(ex));
				return false;
			}
		}
		return this.outbound.bytes() > 0 && this.outbound.bytes() + size > limit;
	}

	private void onOutboundOverflow() {
		logger.debug("Session {} from {} does not read fast enough; closing it with 1008", this.session.id(), remote());
		this.settings.observer().onLimitExceeded("max-outbound-buffer");
		close(new CloseStatus(CloseCodes.POLICY_VIOLATION, "Outbound buffer overflow"));
	}

	/** Sends a control frame (pong, close, ping); never refused for the outbound limit. */
	void sendControl(Opcode opcode, byte[] payload) {
		byte[] frame = this.settings.frameCodec().encoder().encode(opcode, payload);
		if (opcode == Opcode.CLOSE) {
			queueClose(frame);
			return;
		}
		boolean overflow = false;
		synchronized (this.outbound) {
			if (this.state == State.CLOSED || this.state == State.LINGERING) {
				return;
			}
			// Pongs count against the limit too: a peer that pings and never reads must not
			// make the server buffer its answers without bound.
			if (wouldOverflow(frame.length)) {
				overflow = true;
				this.outbound.clear();
			}
			else {
				this.outbound.add(ByteBuffer.wrap(frame));
			}
		}
		if (overflow) {
			onOutboundOverflow();
			return;
		}
		afterEnqueue();
	}

	/**
	 * Queues our close frame behind the handler calls already dispatched, so that the
	 * replies to messages that arrived before the close (or before a protocol error) are
	 * sent first, as the peer expects.
	 */
	private void queueClose(byte[] frame) {
		HandlerDispatcher queue = this.dispatcher;
		if (queue != null && Thread.currentThread() == this.loop.thread()) {
			queue.dispatch(() -> enqueueClose(frame));
		}
		else {
			enqueueClose(frame);
		}
	}

	private void enqueueClose(byte[] frame) {
		synchronized (this.outbound) {
			if (this.state == State.CLOSED || this.state == State.LINGERING || this.closeQueued) {
				return;
			}
			this.closeQueued = true;
			this.outbound.add(ByteBuffer.wrap(frame));
			this.closeAfterFlush = this.tcpCloseRequested;
		}
		afterEnqueue();
	}

	private void enqueueRaw(ByteBuffer bytes) {
		synchronized (this.outbound) {
			this.outbound.add(bytes);
		}
		scheduleFlush();
	}

	/** Decides who writes what was just queued: later in this batch, or right now. */
	private void afterEnqueue() {
		if (Thread.currentThread() == this.loop.thread()) {
			scheduleFlush();
		}
		else if (this.dispatcher == null || !this.dispatcher.isDrainingThread()) {
			flush();
		}
	}

	private void scheduleFlush() {
		if (Thread.currentThread() == this.loop.thread()) {
			this.loop.scheduleFlush(this);
		}
		else {
			this.loop.execute(this::flush);
		}
	}

	/** Called by the dispatcher at the end of a batch of handler calls. */
	void flushFromWorker() {
		flush();
	}

	/** Writes what is queued; any thread. Leaves the rest to OP_WRITE when the socket is full. */
	void flush() {
		boolean finished;
		synchronized (this.outbound) {
			if (this.writeInterest || this.state == State.CLOSED || this.outbound.isEmpty() && !this.closeAfterFlush) {
				return;
			}
			try {
				finished = write();
			}
			catch (IOException ex) {
				this.outbound.clear();
				this.loop.execute(() -> onTransportFailure(ex));
				return;
			}
			if (!finished) {
				this.writeInterest = true;
			}
			else if (!this.closeAfterFlush) {
				return;
			}
		}
		if (finished) {
			this.loop.executeOrRun(this::linger);
		}
		else {
			this.loop.executeOrRun(() -> setInterest(SelectionKey.OP_WRITE, true));
		}
	}

	/** Writes the queue; the I/O thread through its direct buffer, others with gathering writes. */
	private boolean write() throws IOException {
		if (Thread.currentThread() == this.loop.thread()) {
			return this.outbound.writeTo(this.channel, this.loop.writeBuffer());
		}
		return this.outbound.writeTo(this.channel);
	}

	/** OP_WRITE fired: the socket takes bytes again. */
	void onWritable() {
		boolean linger = false;
		synchronized (this.outbound) {
			try {
				if (!write()) {
					return;
				}
			}
			catch (IOException ex) {
				this.outbound.clear();
				onTransportFailure(ex);
				return;
			}
			this.writeInterest = false;
			linger = this.closeAfterFlush;
		}
		setInterest(SelectionKey.OP_WRITE, false);
		if (linger) {
			linger();
		}
	}

	long bufferedAmount() {
		synchronized (this.outbound) {
			return this.outbound.bytes();
		}
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
