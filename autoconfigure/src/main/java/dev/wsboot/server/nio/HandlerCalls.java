package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls into one session's {@link WsHandler}, in the order the events happened and one
 * at a time: {@code onOpen} first, {@code onClose} last and exactly once. Where they run is
 * the subclass's choice: on the I/O thread that read the message, or on the worker executor.
 *
 * <p>A handler that throws gets the server's one answer: the exception is logged, given to
 * {@code onError}, and the session is closed with 1011.
 */
abstract class HandlerCalls {

	private static final Logger logger = LoggerFactory.getLogger(HandlerCalls.class);

	final WsHandler handler;

	final NioWsSession session;

	HandlerCalls(WsHandler handler, NioWsSession session) {
		this.handler = handler;
		this.session = session;
	}

	/** The session opened. */
	abstract void open();

	/** A text message of {@code bytes} UTF-8 bytes arrived. */
	abstract void text(String text, int bytes);

	/** A binary message arrived. */
	abstract void binary(byte[] data);

	/** A pong arrived. */
	abstract void pong(byte[] payload);

	/** The session ended: {@code onClose}, then {@code finished} whatever happens. */
	abstract void closed(CloseStatus status, Runnable finished);

	/** Runs {@code task}, which is not a handler call, once the calls asked for before it are done. */
	abstract void after(Runnable task);

	/** Whether so much waits for the handler that the connection should stop reading for now. */
	abstract boolean isBacklogged();

	/** Whether the calling thread is running this session's calls now, on a worker. */
	boolean isRunningOnThisThread() {
		return false;
	}

	final void callOpen() {
		try {
			this.handler.onOpen(this.session);
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	final void callText(String text) {
		try {
			this.handler.onText(this.session, text);
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	final void callBinary(byte[] data) {
		try {
			this.handler.onBinary(this.session, data);
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	final void callPong(byte[] payload) {
		try {
			this.handler.onPong(this.session, payload);
		}
		catch (Throwable ex) {
			failed(ex);
		}
	}

	final void callClose(CloseStatus status, Runnable finished) {
		try {
			this.handler.onClose(this.session, status);
		}
		catch (Throwable ex) {
			logger.warn("WebSocket handler for {} failed in onClose of session {}", this.session.template(),
					this.session.id(), ex);
			reportError(ex);
		}
		finally {
			finished.run();
		}
	}

	private void failed(Throwable ex) {
		logger.warn("WebSocket handler for {} failed; closing session {} with 1011", this.session.template(),
				this.session.id(), ex);
		reportError(ex);
		this.session.closeAfterFailure();
	}

	private void reportError(Throwable ex) {
		try {
			this.handler.onError(this.session, ex);
		}
		catch (Throwable secondary) {
			logger.warn("WebSocket error handler for {} failed", this.session.template(), secondary);
		}
	}

}
