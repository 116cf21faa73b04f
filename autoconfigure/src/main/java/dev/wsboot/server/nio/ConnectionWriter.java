package dev.wsboot.server.nio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.server.SendResult;

/**
 * The sending side of a {@link Connection}. Any thread may send: the I/O thread hands a
 * message straight to the {@link ProtocolEngine}, other threads leave it in the
 * {@link Outbox} and wake the I/O thread, which alone encodes and writes, so a stateful
 * transport or extension needs no lock. What a handler sends is written as soon as the I/O
 * thread gets to it, not when the handler returns.
 *
 * <p>This class admits what is sent, from any thread, and asks the I/O thread to write it;
 * the {@link SocketWriter} does the I/O thread's part. Both keep no state of their own: the
 * sending state is the connection's fields (its outbox, the bytes the engine queued, the
 * flush flags), so that an idle connection pays for no writer object.
 */
final class ConnectionWriter {

	private static final VarHandle FLUSH_REQUESTED;

	private static final VarHandle DEFERRED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			FLUSH_REQUESTED = lookup.findVarHandle(Connection.class, "flushRequested", boolean.class);
			DEFERRED = lookup.findVarHandle(Connection.class, "flushDeferred", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private ConnectionWriter() {
	}

	// ---- any thread ----

	/**
	 * Sends a request of {@code size} bytes within the outbound limit.
	 * @see dev.wsboot.server.WsSession#sendText(CharSequence)
	 */
	static SendResult send(Connection connection, Outbox.Request request, long size) {
		ProtocolEngine engine = connection.engine();
		if (engine == null) {
			return SendResult.CLOSED;
		}
		if (mayApplyHere(connection)) {
			return SocketWriter.send(connection, engine, request, size);
		}
		SendResult result = outbox(connection).offer(request, size);
		if (result == SendResult.QUEUED) {
			// Counted before the I/O thread may write it, so a peer never sees a reply the counters miss.
			queued(connection, request, size);
			NioWsSession session = connection.session();
			if (session != null && session.calls().isRunningOnThisThread()) {
				// The handler's own reply: written when its batch of calls ends, or within the
				// loop's short tick if the handler takes longer.
				deferFlush(connection);
			}
			else {
				requestFlush(connection);
			}
		}
		else if (result == SendResult.OVERFLOW) {
			connection.loop().execute(connection::onOutboundOverflow);
		}
		return result;
	}

	/** Counts a request the engine or the outbox took. */
	static void queued(Connection connection, Outbox.Request request, long size) {
		NioWsSession session = connection.session();
		if (session != null) {
			SessionEvents.onQueued(session, request, size);
		}
	}

	/**
	 * Starts the closing handshake, after what was sent before.
	 * @return false when a close was started already
	 */
	static boolean close(Connection connection, CloseStatus status) {
		ProtocolEngine engine = connection.engine();
		if (engine == null) {
			return false;
		}
		if (mayApplyHere(connection)) {
			boolean closing = engine.close(status);
			connection.afterEngine();
			return closing;
		}
		if (!outbox(connection).offerClose(status)) {
			return false;
		}
		requestFlush(connection);
		return true;
	}

	/**
	 * Sends the close frame the engine held behind handler calls now done, after what they
	 * sent; any thread.
	 */
	static void releaseHeldClose(Connection connection) {
		ProtocolEngine engine = connection.engine();
		if (engine == null) {
			return;
		}
		if (mayApplyHere(connection)) {
			engine.releaseHeldClose();
			connection.afterEngine();
			return;
		}
		outbox(connection).offerRelease();
		requestFlush(connection);
	}

	/** Bytes queued for the peer and not yet taken by the socket. */
	static long bufferedAmount(Connection connection) {
		Outbox current = connection.outbox;
		return (current != null) ? current.bufferedAmount() : connection.engineBytes;
	}

	/** Whether a close was asked for through the outbox, or the limit passed, without the engine knowing yet. */
	static boolean isRefusing(Connection connection) {
		Outbox current = connection.outbox;
		return current != null && current.isRefusing();
	}

	/**
	 * Whether a request may go straight to the engine: on the I/O thread, with nothing waiting
	 * in the outbox before it and nothing refused.
	 */
	private static boolean mayApplyHere(Connection connection) {
		if (!connection.loop().inLoop()) {
			return false;
		}
		Outbox current = connection.outbox;
		return current == null || current.isIdle();
	}

	/** The outbox, made now if there was none; any thread. */
	static Outbox outbox(Connection connection) {
		Outbox current = connection.outbox;
		if (current == null) {
			// The connection's lock guards the making of its outbox and the figure it starts from, nothing else.
			synchronized (connection) {
				current = connection.outbox;
				if (current == null) {
					current = new Outbox(limit(connection));
					current.publishEngineBytes(connection.engineBytes);
					connection.outbox = current;
				}
			}
		}
		return current;
	}

	/** Publishes what the engine has queued, for the outbound limit and {@link #bufferedAmount}; I/O thread. */
	static void publishEngineBytes(Connection connection, long bytes) {
		Outbox current = connection.outbox;
		if (current != null) {
			current.publishEngineBytes(bytes);
			return;
		}
		int figure = (int) Math.min(bytes, Integer.MAX_VALUE);
		if (figure != connection.engineBytes) {
			synchronized (connection) {
				// The outbox may have been made meanwhile, from the figure before this one.
				current = connection.outbox;
				if (current != null) {
					current.publishEngineBytes(bytes);
				}
				else {
					connection.engineBytes = figure;
				}
			}
		}
	}

	/** The outbound limit, in bytes. */
	static int limit(Connection connection) {
		return connection.settings().maxOutboundBuffer();
	}

	/** A worker finished a batch of this connection's calls: what they sent goes out now. */
	static void flushDeferred(Connection connection) {
		if ((boolean) DEFERRED.getAndSet(connection, false)) {
			requestFlush(connection);
		}
	}

	private static void deferFlush(Connection connection) {
		if (DEFERRED.compareAndSet(connection, false, true)) {
			connection.loop().deferFlush(connection);
		}
	}

	/** The loop's tick found this flush deferred by a worker that is taking long; I/O thread. */
	static void flushIfDeferred(Connection connection) {
		if ((boolean) DEFERRED.getAndSet(connection, false)) {
			SocketWriter.flush(connection);
		}
	}

	private static void requestFlush(Connection connection) {
		if (FLUSH_REQUESTED.compareAndSet(connection, false, true)) {
			connection.loop().execute(connection);
		}
	}

	/** The flush another thread asked for, on the I/O thread: see {@link Connection#run()}. */
	static void onFlushRequested(Connection connection) {
		FLUSH_REQUESTED.setVolatile(connection, false);
		SocketWriter.flush(connection);
	}

	// ---- I/O thread ----

	/** Admits nothing more and drops what waits; the connection gave up on its peer or is closed. */
	static void shut(Connection connection) {
		outbox(connection).shut();
	}

}
