package dev.wsboot.server.nio;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.server.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * The sending side of one {@link Connection}. Any thread may send: the I/O thread hands a
 * message straight to the {@link ProtocolEngine}, other threads leave it in the
 * {@link Outbox} and wake the I/O thread, which alone encodes and writes, so a stateful
 * transport or extension needs no lock. What a handler sends is written as soon as the I/O
 * thread gets to it, not when the handler returns.
 *
 * <p>This class admits what is sent, from any thread, and asks the I/O thread to write it;
 * the {@link SocketWriter} does the I/O thread's part, on the state this writer holds.
 */
final class ConnectionWriter implements Runnable {

	private static final VarHandle FLUSH_REQUESTED;

	private static final VarHandle DEFERRED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			FLUSH_REQUESTED = lookup.findVarHandle(ConnectionWriter.class, "flushRequested", boolean.class);
			DEFERRED = lookup.findVarHandle(ConnectionWriter.class, "deferred", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	// The loop, the transport and the output are the connection's: not kept here too, since
	// every idle connection would pay for the copies.
	private final Connection connection;

	/**
	 * Made by the first request from another thread (or a refusal to record): a connection
	 * whose sends all come from its I/O thread, or that sends nothing, holds none.
	 */
	private volatile @Nullable Outbox outbox;

	/**
	 * Bytes the engine has queued and the socket not yet taken, as last published by the I/O
	 * thread, while there is no outbox to publish them to; read under this writer's lock when
	 * the outbox is made, so that it starts from the latest figure. An int, capped at its
	 * largest value, which is far beyond any outbound limit: a long would make every idle
	 * connection's writer 8 bytes larger.
	 */
	private volatile int engineBytes;

	// Flags changed through the handles above; booleans, which these handles update atomically
	// as well as ints, so that the writer of an idle connection stays at 32 bytes.

	/** While a flush asked for by another thread is queued on the loop. */
	@SuppressWarnings("unused")
	private volatile boolean flushRequested;

	/** While what a worker's handler sent waits for the end of its batch of calls. */
	@SuppressWarnings("unused")
	private volatile boolean deferred;

	/** I/O thread only: in the loop's flush list for the end of this turn. */
	boolean flushScheduled;

	/** I/O thread only: the socket is full and OP_WRITE is set. */
	boolean waitingForSocket;

	ConnectionWriter(Connection connection) {
		this.connection = connection;
	}

	Connection connection() {
		return this.connection;
	}

	// ---- any thread ----

	/**
	 * Sends a request of {@code size} bytes within the outbound limit.
	 * @see dev.wsboot.server.WsSession#sendText(CharSequence)
	 */
	SendResult send(Outbox.Request request, long size) {
		ProtocolEngine engine = this.connection.engine();
		if (engine == null) {
			return SendResult.CLOSED;
		}
		if (mayApplyHere()) {
			return SocketWriter.send(this, engine, request, size);
		}
		SendResult result = outbox().offer(request, size);
		if (result == SendResult.QUEUED) {
			// Counted before the I/O thread may write it, so a peer never sees a reply the counters miss.
			queued(request, size);
			NioWsSession session = this.connection.session();
			if (session != null && session.calls().isRunningOnThisThread()) {
				// The handler's own reply: written when its batch of calls ends, or within the
				// loop's short tick if the handler takes longer.
				deferFlush();
			}
			else {
				requestFlush();
			}
		}
		else if (result == SendResult.OVERFLOW) {
			this.connection.loop().execute(this.connection::onOutboundOverflow);
		}
		return result;
	}

	/** Counts a request the engine or the outbox took. */
	void queued(Outbox.Request request, long size) {
		NioWsSession session = this.connection.session();
		if (session != null) {
			SessionEvents.onQueued(session, request, size);
		}
	}

	/**
	 * Starts the closing handshake, after what was sent before.
	 * @return false when a close was started already
	 */
	boolean close(CloseStatus status) {
		ProtocolEngine engine = this.connection.engine();
		if (engine == null) {
			return false;
		}
		if (mayApplyHere()) {
			boolean closing = engine.close(status);
			this.connection.afterEngine();
			return closing;
		}
		if (!outbox().offerClose(status)) {
			return false;
		}
		requestFlush();
		return true;
	}

	/**
	 * Sends the close frame the engine held behind handler calls now done, after what they
	 * sent; any thread.
	 */
	void releaseHeldClose() {
		ProtocolEngine engine = this.connection.engine();
		if (engine == null) {
			return;
		}
		if (mayApplyHere()) {
			engine.releaseHeldClose();
			this.connection.afterEngine();
			return;
		}
		outbox().offerRelease();
		requestFlush();
	}

	/** Bytes queued for the peer and not yet taken by the socket. */
	long bufferedAmount() {
		Outbox current = this.outbox;
		return (current != null) ? current.bufferedAmount() : this.engineBytes;
	}

	/** Whether a close was asked for through the outbox, or the limit passed, without the engine knowing yet. */
	boolean isRefusing() {
		Outbox current = this.outbox;
		return current != null && current.isRefusing();
	}

	/**
	 * Whether a request may go straight to the engine: on the I/O thread, with nothing waiting
	 * in the outbox before it and nothing refused.
	 */
	private boolean mayApplyHere() {
		if (!this.connection.loop().inLoop()) {
			return false;
		}
		Outbox current = this.outbox;
		return current == null || current.isIdle();
	}

	/** The outbox, made now if there was none; any thread. */
	Outbox outbox() {
		Outbox current = this.outbox;
		if (current == null) {
			synchronized (this) {
				current = this.outbox;
				if (current == null) {
					current = new Outbox(limit());
					current.publishEngineBytes(this.engineBytes);
					this.outbox = current;
				}
			}
		}
		return current;
	}

	/** The outbox, or {@code null} when no other thread needed one yet. */
	@Nullable Outbox outboxIfAny() {
		return this.outbox;
	}

	/** Publishes what the engine has queued, for the outbound limit and {@link #bufferedAmount()}; I/O thread. */
	void publishEngineBytes(long bytes) {
		Outbox current = this.outbox;
		if (current != null) {
			current.publishEngineBytes(bytes);
			return;
		}
		int figure = (int) Math.min(bytes, Integer.MAX_VALUE);
		if (figure != this.engineBytes) {
			synchronized (this) {
				// The outbox may have been made meanwhile, from the figure before this one.
				current = this.outbox;
				if (current != null) {
					current.publishEngineBytes(bytes);
				}
				else {
					this.engineBytes = figure;
				}
			}
		}
	}

	/** The outbound limit, in bytes. */
	int limit() {
		return this.connection.settings().maxOutboundBuffer();
	}

	/** A worker finished a batch of this connection's calls: what they sent goes out now. */
	void flushDeferred() {
		if ((boolean) DEFERRED.getAndSet(this, false)) {
			requestFlush();
		}
	}

	private void deferFlush() {
		if (DEFERRED.compareAndSet(this, false, true)) {
			this.connection.loop().deferFlush(this);
		}
	}

	/** The loop's tick found this flush deferred by a worker that is taking long; I/O thread. */
	void flushIfDeferred() {
		if ((boolean) DEFERRED.getAndSet(this, false)) {
			flush();
		}
	}

	private void requestFlush() {
		if (FLUSH_REQUESTED.compareAndSet(this, false, true)) {
			this.connection.loop().execute(this);
		}
	}

	/** The flush another thread asked for, on the I/O thread. */
	@Override
	public void run() {
		FLUSH_REQUESTED.setVolatile(this, false);
		flush();
	}

	// ---- I/O thread ----

	/** Writes what this turn queued at the end of the turn, in one go. */
	void scheduleFlush() {
		this.connection.loop().scheduleFlush(this);
	}

	/** Hands what other threads asked for to the engine, writes everything, and tells the connection when all is out. */
	void flush() {
		SocketWriter.flush(this);
	}

	/**
	 * Hands the engine what other threads queued, in their order, without writing: done
	 * before the engine reads too, so that the answer to a ping follows whatever was sent
	 * before the ping was read, as a peer that uses pings as a barrier expects. I/O thread.
	 */
	void applyQueued() {
		SocketWriter.applyQueued(this);
	}

	/**
	 * Gives up on the peer when what is queued passes the limit even after a write: the
	 * engine queued answers (pongs) to a peer that does not read them. I/O thread.
	 */
	void checkLimit() {
		SocketWriter.checkLimit(this);
	}

	/** OP_WRITE fired: the socket takes bytes again. */
	void onWritable() {
		SocketWriter.onWritable(this);
	}

	/** Admits nothing more and drops what waits; the connection gave up on its peer or is closed. */
	void shut() {
		outbox().shut();
	}

}
