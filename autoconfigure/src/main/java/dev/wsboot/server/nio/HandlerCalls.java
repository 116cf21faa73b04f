package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls into a session's {@link WsHandler}, in the order the events happened and one
 * at a time: {@code onOpen} first, {@code onClose} last and exactly once. Where they run is
 * the subclass's choice: on the I/O thread that read the message, or on the worker executor.
 * The session is passed with each event, so that calls made where they happen need no
 * object per session.
 *
 * <p>A handler that throws gets the server's one answer: the exception is logged, given to
 * {@code onError}, and the session is closed with 1011.
 */
abstract class HandlerCalls {

	private static final Logger logger = LoggerFactory.getLogger(HandlerCalls.class);

	/** The session opened. */
	abstract void open(NioWsSession session);

	/** A text message of {@code bytes} UTF-8 bytes arrived. */
	abstract void text(NioWsSession session, String text, int bytes);

	/** A binary message arrived. */
	abstract void binary(NioWsSession session, byte[] data);

	/** A pong arrived. */
	abstract void pong(NioWsSession session, byte[] payload);

	/** The session ended: {@code onClose}, then {@code finished} whatever happens. */
	abstract void closed(NioWsSession session, CloseStatus status, Runnable finished);

	/** Runs {@code task}, which is not a handler call, once the calls asked for before it are done. */
	abstract void after(Runnable task);

	/** Whether so much waits for the handler that the connection should stop reading for now. */
	abstract boolean isBacklogged();

	/** Whether the calling thread is running this session's calls now, on a worker. */
	boolean isRunningOnThisThread() {
		return false;
	}

	static void callOpen(WsHandler handler, NioWsSession session) {
		try {
			handler.onOpen(session);
		}
		catch (Throwable ex) {
			failed(handler, session, ex);
		}
	}

	static void callText(WsHandler handler, NioWsSession session, String text) {
		try {
			handler.onText(session, text);
		}
		catch (Throwable ex) {
			failed(handler, session, ex);
		}
	}

	static void callBinary(WsHandler handler, NioWsSession session, byte[] data) {
		try {
			handler.onBinary(session, data);
		}
		catch (Throwable ex) {
			failed(handler, session, ex);
		}
	}

	static void callPong(WsHandler handler, NioWsSession session, byte[] payload) {
		try {
			handler.onPong(session, payload);
		}
		catch (Throwable ex) {
			failed(handler, session, ex);
		}
	}

	static void callClose(WsHandler handler, NioWsSession session, CloseStatus status, Runnable finished) {
		try {
			handler.onClose(session, status);
		}
		catch (Throwable ex) {
			logger.warn("WebSocket handler for {} failed in onClose of session {}", session.template(), session.id(),
					ex);
			reportError(handler, session, ex);
		}
		finally {
			finished.run();
		}
	}

	private static void failed(WsHandler handler, NioWsSession session, Throwable ex) {
		logger.warn("WebSocket handler for {} failed; closing session {} with 1011", session.template(), session.id(),
				ex);
		reportError(handler, session, ex);
		session.closeAfterFailure();
	}

	private static void reportError(WsHandler handler, NioWsSession session, Throwable ex) {
		try {
			handler.onError(session, ex);
		}
		catch (Throwable secondary) {
			logger.warn("WebSocket error handler for {} failed", session.template(), secondary);
		}
	}

}
