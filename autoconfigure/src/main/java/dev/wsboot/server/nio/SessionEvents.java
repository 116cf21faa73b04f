package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.ProtocolListener;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a connection's {@link dev.wsboot.protocol.ProtocolEngine} reports into the
 * session's life: traffic counters and observer events, handler calls, back-pressure when
 * the handler falls behind, and the end of the session, exactly once, with its status.
 * Called on the connection's I/O thread.
 */
final class SessionEvents implements ProtocolListener {

	private static final Logger logger = LoggerFactory.getLogger(SessionEvents.class);

	private final NioWsSession session;

	private final HandlerCalls calls;

	/** The session's message rate, or {@code null} when it is not limited. */
	private final @Nullable TokenBucket messageRate;

	private SessionEvents(NioWsSession session, HandlerCalls calls, @Nullable TokenBucket messageRate) {
		this.session = session;
		this.calls = calls;
		this.messageRate = messageRate;
	}

	/**
	 * The events of a session the connection just accepted, with its handler calls made
	 * where the route says: on the I/O thread, or on the worker executor.
	 * @param resumeReading asks the I/O thread to read again once a worker caught up
	 */
	static SessionEvents open(Connection connection, WsUpgrade upgrade, WsRoute route, @Nullable String subprotocol,
			Runnable resumeReading) {
		NioWsServer server = connection.server();
		NioWsSession session = new NioWsSession(connection, server.nextSessionId(), upgrade, route, subprotocol);
		HandlerCalls calls = route.nonBlocking() ? InlineHandlerCalls.INSTANCE
				: new WorkerHandlerCalls(route.handler(), server.executor(), connection.loop(), resumeReading,
						connection.writer()::flushDeferred, () -> server.onExecutorRejected(session));
		AbuseLimits limits = server.settings().abuseLimits();
		TokenBucket messageRate = (limits.maxMessageRate() > 0)
				? new TokenBucket(limits.maxMessageRate(), limits.messageBurst(), connection.loopNow()) : null;
		return new SessionEvents(session, calls, messageRate);
	}

	/** The session is open: registered, observed, and its handler's {@code onOpen} called. */
	void started() {
		connection().server().sessionOpened(this.session);
		observer().onOpen(this.session);
		this.calls.open(this.session);
	}

	/** A message was admitted for sending: counted for the session and the observer. */
	void onQueued(Outbox.Request request, long size) {
		Opcode opcode = request.messageOpcode();
		if (opcode != null) {
			this.session.countSent((int) size);
			observer().onMessageSent(this.session, opcode == Opcode.TEXT, (int) size);
		}
	}

	NioWsSession session() {
		return this.session;
	}

	HandlerCalls calls() {
		return this.calls;
	}

	@Override
	public void onText(String text, int byteLength) {
		if (isOverRate()) {
			return;
		}
		this.session.received(byteLength);
		observer().onMessageReceived(this.session, true, byteLength);
		this.calls.text(this.session, text, byteLength);
		checkBacklog();
	}

	@Override
	public void onBinary(byte[] data) {
		if (isOverRate()) {
			return;
		}
		this.session.received(data.length);
		observer().onMessageReceived(this.session, false, data.length);
		this.calls.binary(this.session, data);
		checkBacklog();
	}

	@Override
	public void onPong(byte[] payload) {
		this.calls.pong(this.session, payload);
	}

	@Override
	public void onCloseReceived(CloseStatus status) {
		afterPendingCalls();
		end(status);
	}

	@Override
	public void onProtocolError(ProtocolException error) {
		logger.debug("Closing session {} from {} with {}: {}", this.session.id(), connection().remote(),
				error.closeCode(), error.getMessage());
		afterPendingCalls();
		end(error.toCloseStatus());
	}

	/** The engine holds its close reply until the handler calls asked for before it are done. */
	private void afterPendingCalls() {
		if (connection().holdsCloseReplies()) {
			this.calls.after(connection().writer()::releaseHeldClose);
		}
	}

	/** Whether this message is one too many: then the session is closed, and the message dropped. */
	private boolean isOverRate() {
		TokenBucket rate = this.messageRate;
		if (rate == null || rate.take(connection().loopNow())) {
			return false;
		}
		connection().loop().closer().onMessageRateExceeded(connection());
		return true;
	}

	private void checkBacklog() {
		if (this.calls.isBacklogged()) {
			connection().pauseInput();
		}
	}

	/**
	 * Ends the session once: frees its slot, removes it from the registry, tells the
	 * observer, and calls the handler's {@code onClose} after its other calls.
	 */
	void end(CloseStatus status) {
		Connection connection = connection();
		// Leaving the registry happens once, so it is what makes the end happen once.
		if (!connection.server().sessionEnded(this.session)) {
			return;
		}
		connection.releaseSlot();
		observer().onClose(this.session, status);
		this.calls.closed(this.session, status, connection.server()::sessionFinished);
	}

	/** The server's observer: looked up, not kept, to keep an idle session small. */
	private WsServerObserver observer() {
		return connection().settings().observer();
	}

	/** The session's connection: looked up, not kept, for the same reason. */
	private Connection connection() {
		return this.session.connection();
	}

}
