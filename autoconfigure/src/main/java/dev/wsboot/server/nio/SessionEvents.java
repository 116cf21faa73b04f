package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.server.AbuseLimits;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a connection's {@link dev.wsboot.protocol.ProtocolEngine} reports to its
 * {@link NioWsSession} into the session's life: traffic counters and observer events,
 * handler calls, back-pressure when the handler falls behind, and the end of the session,
 * exactly once, with its status. Called on the connection's I/O thread.
 *
 * <p>Stateless: the session holds its handler calls and its message rate, and hears its
 * engine itself, so that an open session pays for no object of this class.
 */
final class SessionEvents {

	private static final Logger logger = LoggerFactory.getLogger(SessionEvents.class);

	private SessionEvents() {
	}

	/**
	 * How a session's handler is called: on the I/O thread, or on the worker executor, as
	 * its route says.
	 */
	static HandlerCalls callsOf(NioWsSession session, Connection connection, WsRoute route) {
		if (route.nonBlocking()) {
			return InlineHandlerCalls.INSTANCE;
		}
		NioWsServer server = connection.server();
		// Captures the connection alone: kept as long as the session lives.
		Runnable resumeReading = () -> connection.loop().reader().resumeSoon(connection);
		return new WorkerHandlerCalls(route.handler(), server.executor(), connection.loop(), resumeReading,
				() -> ConnectionWriter.flushDeferred(connection), () -> server.onExecutorRejected(session));
	}

	/** The session's message rate, or {@code null} when the server does not limit it. */
	static @Nullable TokenBucket messageRateOf(Connection connection) {
		AbuseLimits limits = connection.settings().abuseLimits();
		return (limits.maxMessageRate() > 0)
				? new TokenBucket(limits.maxMessageRate(), limits.messageBurst(), connection.loopNow()) : null;
	}

	/** The session is open: registered, observed, and its handler's {@code onOpen} called. */
	static void started(NioWsSession session) {
		session.connection().server().sessionOpened(session);
		observer(session).onOpen(session);
		session.calls().open(session);
	}

	/** A message was admitted for sending: counted for the session and the observer. */
	static void onQueued(NioWsSession session, Outbox.Request request, long size) {
		Opcode opcode = request.messageOpcode();
		if (opcode != null) {
			session.countSent((int) size);
			observer(session).onMessageSent(session, opcode == Opcode.TEXT, (int) size);
		}
	}

	static void onText(NioWsSession session, String text, int byteLength) {
		if (isOverRate(session)) {
			return;
		}
		session.received(byteLength);
		observer(session).onMessageReceived(session, true, byteLength);
		session.calls().text(session, text, byteLength);
		checkBacklog(session);
	}

	static void onBinary(NioWsSession session, byte[] data) {
		if (isOverRate(session)) {
			return;
		}
		session.received(data.length);
		observer(session).onMessageReceived(session, false, data.length);
		session.calls().binary(session, data);
		checkBacklog(session);
	}

	static void onPong(NioWsSession session, byte[] payload) {
		session.calls().pong(session, payload);
	}

	static void onCloseReceived(NioWsSession session, CloseStatus status) {
		afterPendingCalls(session);
		end(session, status);
	}

	static void onProtocolError(NioWsSession session, ProtocolException error) {
		logger.debug("Closing session {} from {} with {}: {}", session.id(), session.connection().remote(),
				error.closeCode(), error.getMessage());
		afterPendingCalls(session);
		end(session, error.toCloseStatus());
	}

	/** Whether the engine holds its close replies behind handler calls, which run on worker threads. */
	static boolean holdsCloseReplies(NioWsSession session) {
		return !session.route().nonBlocking();
	}

	/** The engine holds its close reply until the handler calls asked for before it are done. */
	private static void afterPendingCalls(NioWsSession session) {
		Connection connection = session.connection();
		if (holdsCloseReplies(session)) {
			session.calls().after(() -> ConnectionWriter.releaseHeldClose(connection));
		}
	}

	/** Whether this message is one too many: then the session is closed, and the message dropped. */
	private static boolean isOverRate(NioWsSession session) {
		TokenBucket rate = session.messageRate();
		Connection connection = session.connection();
		if (rate == null || rate.take(connection.loopNow())) {
			return false;
		}
		connection.loop().closer().onMessageRateExceeded(connection);
		return true;
	}

	private static void checkBacklog(NioWsSession session) {
		if (session.calls().isBacklogged()) {
			session.connection().pauseInput();
		}
	}

	/**
	 * Ends the session once: frees its slot, removes it from the registry, tells the
	 * observer, and calls the handler's {@code onClose} after its other calls.
	 */
	static void end(NioWsSession session, CloseStatus status) {
		Connection connection = session.connection();
		// Leaving the registry happens once, so it is what makes the end happen once.
		if (!connection.server().sessionEnded(session)) {
			return;
		}
		connection.releaseSlot();
		observer(session).onClose(session, status);
		session.calls().closed(session, status, connection.server()::sessionFinished);
	}

	/** The server's observer: looked up, not kept, to keep an idle session small. */
	private static WsServerObserver observer(NioWsSession session) {
		return session.connection().settings().observer();
	}

}
