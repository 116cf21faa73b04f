package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import dev.wsboot.protocol.FrameEncoder;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.server.SendResult;
import org.jspecify.annotations.Nullable;

/**
 * The sending side of one {@link Connection}: encodes frames, queues them within the
 * outbound limit, and writes them at the right moment, from the right thread: at the end of
 * the I/O thread's turn, at the end of a worker's batch, or at once for any other thread,
 * leaving the rest to {@code OP_WRITE} when the socket is full. Safe to call from any thread;
 * the writer itself is the lock.
 */
final class ConnectionWriter {

	/** Payloads up to this size are copied behind their header into one array. */
	private static final int COPY_THRESHOLD = 8 * 1024;

	private final Connection connection;

	private final SocketChannel channel;

	private final IoLoop loop;

	private final ServerSettings settings;

	private final OutboundQueue queue = new OutboundQueue();

	/** OP_WRITE is set and the I/O thread owns writing. */
	private boolean writeInterest;

	/** Once written out, shut our side and linger. */
	private boolean closeAfterFlush;

	/** Our close frame is queued; no data frame may follow. */
	private boolean closeQueued;

	/** The TCP connection ends once our close frame is out. */
	private boolean tcpCloseRequested;

	/** I/O thread only: in the loop's flush list for the end of this turn. */
	boolean flushScheduled;

	ConnectionWriter(Connection connection, SocketChannel channel, IoLoop loop, ServerSettings settings) {
		this.connection = connection;
		this.channel = channel;
		this.loop = loop;
		this.settings = settings;
	}

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

	/** Sends frame bytes, possibly shared by many sessions, see {@link dev.wsboot.server.PreparedMessage}. */
	SendResult sendFrame(ByteBuffer frame, @Nullable ByteBuffer body, boolean text, int payloadLength) {
		long size = frame.remaining() + ((body != null) ? body.remaining() : 0);
		NioWsSession session = this.connection.session();
		boolean overflow = false;
		synchronized (this) {
			// RFC 6455 §5.5.1: after sending a Close frame, no more data frames.
			if (session == null || this.closeQueued || this.connection.state() != Connection.State.OPEN) {
				return SendResult.CLOSED;
			}
			overflow = !queueWithinLimit(frame, body, size);
			if (!overflow) {
				session.sent(payloadLength);
			}
		}
		if (overflow) {
			this.connection.onOutboundOverflow();
			return SendResult.OVERFLOW;
		}
		this.settings.observer().onMessageSent(session, text, payloadLength);
		afterEnqueue();
		return SendResult.QUEUED;
	}

	/**
	 * Queues a frame (header and optional separate body) if it fits the outbound limit;
	 * otherwise drops everything queued, releasing it, and returns false. Called under the lock.
	 */
	private boolean queueWithinLimit(ByteBuffer frame, @Nullable ByteBuffer body, long size) {
		if (wouldOverflow(size)) {
			this.queue.clear();
			return false;
		}
		this.queue.add(frame);
		if (body != null) {
			this.queue.add(body);
		}
		return true;
	}

	/**
	 * Whether queueing {@code size} more bytes would pass the outbound limit; called under the
	 * lock. Sends of a batch are only queued until the batch ends, so before calling it an
	 * overflow the queue is written out, and only what the socket does not take counts. One
	 * message alone may exceed the limit: it must be possible to send it at all.
	 */
	private boolean wouldOverflow(long size) {
		int limit = this.settings.maxOutboundBuffer();
		if (this.queue.bytes() == 0 || this.queue.bytes() + size <= limit) {
			return false;
		}
		if (!this.writeInterest) {
			try {
				write();
			}
			catch (IOException ex) {
				this.queue.clear();
				this.loop.execute(() -> this.connection.onTransportFailure(ex));
				return false;
			}
		}
		return this.queue.bytes() > 0 && this.queue.bytes() + size > limit;
	}

	/** Sends a control frame: a close is ordered behind the handler calls; pongs and pings count against the limit. */
	void sendControl(Opcode opcode, byte[] payload) {
		byte[] frame = this.settings.frameCodec().encoder().encode(opcode, payload);
		if (opcode == Opcode.CLOSE) {
			queueClose(frame);
			return;
		}
		boolean overflow = false;
		synchronized (this) {
			if (isShut()) {
				return;
			}
			// A peer that pings and never reads must not make the server buffer its pongs
			// without bound.
			overflow = !queueWithinLimit(ByteBuffer.wrap(frame), null, frame.length);
		}
		if (overflow) {
			this.connection.onOutboundOverflow();
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
		HandlerDispatcher dispatcher = this.connection.dispatcher();
		if (dispatcher != null && Thread.currentThread() == this.loop.thread()) {
			dispatcher.dispatch(() -> enqueueClose(frame));
		}
		else {
			enqueueClose(frame);
		}
	}

	private void enqueueClose(byte[] frame) {
		synchronized (this) {
			if (isShut() || this.closeQueued) {
				return;
			}
			this.closeQueued = true;
			this.queue.add(ByteBuffer.wrap(frame));
			this.closeAfterFlush = this.tcpCloseRequested;
		}
		afterEnqueue();
	}

	/** Queues bytes outside any frame: the HTTP answer to the upgrade request. */
	void sendRaw(ByteBuffer bytes) {
		synchronized (this) {
			this.queue.add(bytes);
		}
		scheduleFlush();
	}

	/** Ends the TCP connection once everything queued is written: a refused upgrade. */
	void closeAfterFlush() {
		synchronized (this) {
			this.closeAfterFlush = true;
		}
		scheduleFlush();
	}

	/** Ends the TCP connection once our close frame, queued or still to come, is written. */
	void requestTcpClose() {
		synchronized (this) {
			this.tcpCloseRequested = true;
			if (!this.closeQueued) {
				return;
			}
			this.closeAfterFlush = true;
		}
		scheduleFlush();
	}

	/** Decides who writes what was just queued: later in this batch, or right now. */
	private void afterEnqueue() {
		if (Thread.currentThread() == this.loop.thread()) {
			scheduleFlush();
		}
		else if (!this.connection.isDrainingThread()) {
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

	/** Writes what is queued; any thread. Leaves the rest to OP_WRITE when the socket is full. */
	void flush() {
		boolean finished;
		synchronized (this) {
			if (this.writeInterest || this.connection.state() == Connection.State.CLOSED
					|| this.queue.isEmpty() && !this.closeAfterFlush) {
				return;
			}
			try {
				finished = write();
			}
			catch (IOException ex) {
				this.queue.clear();
				this.loop.execute(() -> this.connection.onTransportFailure(ex));
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
			this.loop.executeOrRun(this.connection::linger);
		}
		else {
			this.loop.executeOrRun(() -> this.connection.setInterest(SelectionKey.OP_WRITE, true));
		}
	}

	/** Writes the queue; the I/O thread through its direct buffer, others with gathering writes. */
	private boolean write() throws IOException {
		if (Thread.currentThread() == this.loop.thread()) {
			return this.queue.writeTo(this.channel, this.loop.writeBuffer());
		}
		return this.queue.writeTo(this.channel);
	}

	/** OP_WRITE fired: the socket takes bytes again. I/O thread only. */
	void onWritable() {
		boolean linger;
		synchronized (this) {
			try {
				if (!write()) {
					return;
				}
			}
			catch (IOException ex) {
				this.queue.clear();
				this.connection.onTransportFailure(ex);
				return;
			}
			this.writeInterest = false;
			linger = this.closeAfterFlush;
		}
		this.connection.setInterest(SelectionKey.OP_WRITE, false);
		if (linger) {
			this.connection.linger();
		}
	}

	/** Bytes queued and not yet written. */
	synchronized long bufferedAmount() {
		return this.queue.bytes();
	}

	/** Releases everything queued; the connection is closed. */
	synchronized void clear() {
		this.queue.clear();
	}

	private boolean isShut() {
		Connection.State state = this.connection.state();
		return state == Connection.State.CLOSED || state == Connection.State.LINGERING;
	}

}
