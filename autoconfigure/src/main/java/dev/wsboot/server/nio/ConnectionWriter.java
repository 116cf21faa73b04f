package dev.wsboot.server.nio;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.OutboundBuffer;
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
 * <p>Writing copies queued frames into the loop's direct buffer, so that one system call
 * carries many small frames, and leaves the rest to {@code OP_WRITE} when the socket is full.
 */
final class ConnectionWriter implements Runnable {

	private static final VarHandle FLUSH_REQUESTED;

	private static final VarHandle DEFERRED;

	static {
		try {
			FLUSH_REQUESTED = MethodHandles.lookup().findVarHandle(ConnectionWriter.class, "flushRequested", int.class);
			DEFERRED = MethodHandles.lookup().findVarHandle(ConnectionWriter.class, "deferred", int.class);
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
	 * the outbox is made, so that it starts from the latest figure.
	 */
	private volatile long engineBytes;

	/** 1 while a flush asked for by another thread is queued on the loop. */
	@SuppressWarnings("unused")
	private volatile int flushRequested;

	/** 1 while what a worker's handler sent waits for the end of its batch of calls. */
	@SuppressWarnings("unused")
	private volatile int deferred;

	/** I/O thread only: in the loop's flush list for the end of this turn. */
	boolean flushScheduled;

	/** I/O thread only: the socket is full and OP_WRITE is set. */
	private boolean waitingForSocket;

	ConnectionWriter(Connection connection) {
		this.connection = connection;
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
		if (this.connection.loop().inLoop() && isOutboxIdle()) {
			return sendHere(engine, request, size);
		}
		SendResult result = outbox().offer(request, size);
		if (result == SendResult.QUEUED) {
			// Counted before the I/O thread may write it, so a peer never sees a reply the counters miss.
			queued(request, size);
			SessionEvents events = this.connection.events();
			if (events != null && events.calls().isRunningOnThisThread()) {
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

	/**
	 * On the I/O thread with nothing waiting in the outbox: straight to the engine. What the
	 * send makes end, the session if it overflows or the connection if its write fails, ends
	 * after the task now running, as on other threads: ending a session calls handlers, whose
	 * calls must not run inside the send of another, or even of this session's handler, which
	 * may be broadcasting with locks held.
	 */
	private SendResult sendHere(ProtocolEngine engine, Outbox.Request request, long size) {
		if (Outbox.wouldOverflow(this.connection.outputBytes(), size, limit())) {
			// What the socket takes now does not count: only a peer that does not read overflows.
			writeOut(false);
			if (this.connection.isClosed() || isRefusing()) {
				return SendResult.CLOSED;
			}
			if (Outbox.wouldOverflow(this.connection.outputBytes(), size, limit())) {
				outbox().shut();
				this.connection.loop().execute(this.connection::onOutboundOverflow);
				return SendResult.OVERFLOW;
			}
		}
		if (!request.applyTo(engine)) {
			return SendResult.CLOSED;
		}
		queued(request, size);
		this.connection.afterEngine();
		return SendResult.QUEUED;
	}

	private void queued(Outbox.Request request, long size) {
		SessionEvents events = this.connection.events();
		if (events != null) {
			events.onQueued(request, size);
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
		if (this.connection.loop().inLoop() && isOutboxIdle()) {
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
		if (this.connection.loop().inLoop() && isOutboxIdle()) {
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

	/** Whether the I/O thread may hand a request straight to the engine: nothing waits, nothing is refused. */
	private boolean isOutboxIdle() {
		Outbox current = this.outbox;
		return current == null || current.isIdle();
	}

	private Outbox outbox() {
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

	/** Publishes what the engine has queued, for the outbound limit and {@link #bufferedAmount()}; I/O thread. */
	private void publishEngineBytes(long bytes) {
		Outbox current = this.outbox;
		if (current != null) {
			current.publishEngineBytes(bytes);
			return;
		}
		if (bytes != this.engineBytes) {
			synchronized (this) {
				// The outbox may have been made meanwhile, from the figure before this one.
				current = this.outbox;
				if (current != null) {
					current.publishEngineBytes(bytes);
				}
				else {
					this.engineBytes = bytes;
				}
			}
		}
	}

	private int limit() {
		return this.connection.settings().maxOutboundBuffer();
	}

	/** A worker finished a batch of this connection's calls: what they sent goes out now. */
	void flushDeferred() {
		if ((int) DEFERRED.getAndSet(this, 0) == 1) {
			requestFlush();
		}
	}

	private void deferFlush() {
		if (DEFERRED.compareAndSet(this, 0, 1)) {
			this.connection.loop().deferFlush(this);
		}
	}

	/** The loop's tick found this flush deferred by a worker that is taking long; I/O thread. */
	void flushIfDeferred() {
		if ((int) DEFERRED.getAndSet(this, 0) == 1) {
			flush();
		}
	}

	private void requestFlush() {
		if (FLUSH_REQUESTED.compareAndSet(this, 0, 1)) {
			this.connection.loop().execute(this);
		}
	}

	/** The flush another thread asked for, on the I/O thread. */
	@Override
	public void run() {
		FLUSH_REQUESTED.setVolatile(this, 0);
		flush();
	}

	// ---- I/O thread ----

	/** Writes what this turn queued at the end of the turn, in one go. */
	void scheduleFlush() {
		this.connection.loop().scheduleFlush(this);
	}

	/** Hands what other threads asked for to the engine, writes everything, and tells the connection when all is out. */
	void flush() {
		applyQueued();
		if (this.waitingForSocket || this.connection.isClosed()) {
			return;
		}
		if (writeOut()) {
			this.connection.outputDrained();
		}
	}

	/**
	 * Hands the engine what other threads queued, in their order, without writing: done
	 * before the engine reads too, so that the answer to a ping follows whatever was sent
	 * before the ping was read, as a peer that uses pings as a barrier expects. I/O thread.
	 */
	void applyQueued() {
		ProtocolEngine engine = this.connection.engine();
		Outbox current = this.outbox;
		if (engine != null && current != null) {
			ArrayDeque<Outbox.Request> requests = current.takeAll();
			if (requests != null) {
				for (Outbox.Request request : requests) {
					request.applyTo(engine);
				}
				this.connection.noteEngineState();
			}
		}
	}

	/**
	 * Gives up on the peer when what is queued passes the limit even after a write: the
	 * engine queued answers (pongs) to a peer that does not read them. I/O thread.
	 */
	void checkLimit() {
		if (this.connection.outputBytes() <= limit()) {
			return;
		}
		writeOut();
		if (!this.connection.isClosed() && this.connection.outputBytes() > limit()) {
			outbox().shut();
			this.connection.onOutboundOverflow();
		}
	}

	/** OP_WRITE fired: the socket takes bytes again. */
	void onWritable() {
		this.waitingForSocket = false;
		this.connection.setInterest(SelectionKey.OP_WRITE, false);
		flush();
	}

	/**
	 * Writes as much as the socket takes; sets OP_WRITE when it is full. A failed write
	 * closes the connection at once.
	 * @return true when everything queued is written
	 */
	private boolean writeOut() {
		return writeOut(true);
	}

	/**
	 * Writes as much as the socket takes; sets OP_WRITE when it is full.
	 * @param closeNowOnFailure whether a failed write closes the connection at once, or
	 * shuts the outbox and closes it after the task now running
	 * @return true when everything queued is written
	 */
	private boolean writeOut(boolean closeNowOnFailure) {
		if (this.waitingForSocket) {
			return false;
		}
		ByteBuffer scratch = this.connection.loop().writeBuffer();
		OutboundBuffer output = this.connection.outputIfAny();
		Transport transport = this.connection.transport();
		try {
			while (output != null && !output.isEmpty()) {
				scratch.clear();
				output.copyTo(scratch);
				scratch.flip();
				int written = transport.write(scratch);
				output.consume(written);
				if (scratch.hasRemaining()) {
					return waitForSocket();
				}
			}
			return transport.flush() || waitForSocket();
		}
		catch (IOException ex) {
			if (output != null) {
				output.clear();
			}
			if (closeNowOnFailure) {
				this.connection.onTransportFailure(ex);
			}
			else {
				outbox().shut();
				this.connection.loop().execute(() -> this.connection.onTransportFailure(ex));
			}
			return false;
		}
		finally {
			publishEngineBytes((output != null) ? output.bytes() : 0);
		}
	}

	private boolean waitForSocket() {
		this.waitingForSocket = true;
		this.connection.setInterest(SelectionKey.OP_WRITE, true);
		return false;
	}

	/** Admits nothing more and drops what waits; the connection gave up on its peer or is closed. */
	void shut() {
		outbox().shut();
	}

}
