package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Drives one {@link SSLEngine} without doing any I/O: the caller hands it the ciphertext
 * that arrived and buffers for the plaintext and for the ciphertext to send, and it turns
 * the crank of the engine's state machine until it needs something the caller must
 * provide. Everything runs on the caller's thread but the engine's delegated tasks, which
 * go to an executor; the caller stops feeding the driver until it hears they ran.
 *
 * <p>What it copes with, as engines behave: the end of the handshake reported as
 * {@code FINISHED} or only as {@code NOT_HANDSHAKING} (TLS 1.3 on the JDK, and OpenSSL
 * engines); several records in one input and records split anywhere; messages after the
 * handshake (TLS 1.3 session tickets and key updates) that make a read need a write; and a
 * TLS 1.2 client starting a handshake again, which it refuses.
 */
final class TlsDriver {

	/** Why {@link #advance} returned. */
	enum Progress {

		/** No complete record is left in the input: more ciphertext is needed. */
		NEED_INPUT,

		/** The next record's plaintext does not fit in the plaintext buffer. */
		PLAIN_FULL,

		/** The output buffer must be emptied before the engine can write its next record. */
		OUTPUT_FULL,

		/** A delegated task runs; call again once the task callback was heard. */
		TASK,

		/** The peer closed its side with close_notify: nothing more will arrive. */
		CLOSED

	}

	private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

	private final SSLEngine engine;

	private final Executor taskExecutor;

	private final Runnable onTasksRun;

	private int packetSize;

	private boolean established;

	private boolean tls13;

	private boolean taskRunning;

	/**
	 * @param taskExecutor where the engine's delegated tasks run
	 * @param onTasksRun called on the task's thread once they ran; the caller then calls
	 * {@link #tasksRun()} on its own thread and advances again
	 */
	TlsDriver(SSLEngine engine, Executor taskExecutor, Runnable onTasksRun) throws SSLException {
		this.engine = engine;
		this.taskExecutor = taskExecutor;
		this.onTasksRun = onTasksRun;
		this.packetSize = engine.getSession().getPacketBufferSize();
		engine.beginHandshake();
	}

	/**
	 * Unwraps what {@code in} holds into {@code plain}, and writes into {@code out} whatever
	 * the engine has to send meanwhile (handshake messages, key updates), until it needs
	 * the caller. Consumed input is taken from {@code in}; a partial record stays in it.
	 * @throws TlsRenegotiationException when a TLS 1.2 peer starts a new handshake
	 * @throws SSLException when the peer breaks the protocol or the handshake fails; the
	 * engine may then have an alert to send, see {@link #closeOutbound}
	 */
	Progress advance(ByteBuffer in, ByteBuffer plain, ByteBuffer out) throws SSLException {
		while (true) {
			if (this.taskRunning) {
				return Progress.TASK;
			}
			HandshakeStatus status = this.engine.getHandshakeStatus();
			if (status == HandshakeStatus.NEED_TASK) {
				runTasks();
				return Progress.TASK;
			}
			if (status == HandshakeStatus.NEED_WRAP) {
				if (out.remaining() < this.packetSize) {
					return Progress.OUTPUT_FULL;
				}
				SSLEngineResult result = this.engine.wrap(EMPTY, out);
				noteHandshake(result.getHandshakeStatus());
				if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
					growPacketSize();
					return Progress.OUTPUT_FULL;
				}
				if (result.getStatus() == SSLEngineResult.Status.CLOSED || result.bytesProduced() == 0) {
					// The engine closed its side; nothing more to write, whatever it still claims.
					return this.engine.isInboundDone() ? Progress.CLOSED : Progress.NEED_INPUT;
				}
				continue;
			}
			if (status == HandshakeStatus.NOT_HANDSHAKING) {
				// The handshake is over even if no result said FINISHED (TLS 1.3 on the JDK).
				noteHandshake(status);
			}
			if (!in.hasRemaining()) {
				return Progress.NEED_INPUT;
			}
			SSLEngineResult result = this.engine.unwrap(in, plain);
			switch (result.getStatus()) {
				case BUFFER_UNDERFLOW:
					return Progress.NEED_INPUT;
				case BUFFER_OVERFLOW:
					return Progress.PLAIN_FULL;
				case CLOSED:
					return Progress.CLOSED;
				default:
			}
			HandshakeStatus after = result.getHandshakeStatus();
			if (this.established && !this.tls13 && isHandshaking(after)) {
				// TLS 1.3 has no renegotiation; below it, only a client starts one after the
				// handshake, and a server that need not take part had better not.
				throw new TlsRenegotiationException();
			}
			noteHandshake(after);
			if (result.bytesConsumed() == 0 && result.bytesProduced() == 0 && after == status) {
				return Progress.NEED_INPUT;
			}
		}
	}

	/**
	 * Wraps application data from {@code src} into {@code out}, a record at a time while
	 * {@code out} has room for one: many small messages queued together share a record.
	 * @return the number of bytes of {@code src} taken
	 */
	int wrap(ByteBuffer src, ByteBuffer out) throws SSLException {
		int taken = 0;
		while (src.hasRemaining() && out.remaining() >= this.packetSize && !this.taskRunning) {
			SSLEngineResult result = this.engine.wrap(src, out);
			noteHandshake(result.getHandshakeStatus());
			if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
				throw new SSLException("The TLS connection is closed");
			}
			if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
				growPacketSize();
				break;
			}
			taken += result.bytesConsumed();
			if (result.bytesConsumed() == 0 && result.bytesProduced() == 0) {
				if (this.engine.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
					runTasks();
				}
				break;
			}
		}
		return taken;
	}

	/**
	 * Closes the sending side: writes close_notify, or the alert of a failure, into
	 * {@code out}; does not wait for the peer's close_notify.
	 */
	void closeOutbound(ByteBuffer out) throws SSLException {
		this.engine.closeOutbound();
		while (!this.engine.isOutboundDone() && out.remaining() >= this.packetSize && !this.taskRunning) {
			SSLEngineResult result = this.engine.wrap(EMPTY, out);
			if (result.bytesProduced() == 0) {
				break;
			}
		}
	}

	/**
	 * The peer ended the connection: tells the engine, which complains when no
	 * close_notify came first.
	 * @throws SSLException when the peer did not send close_notify
	 */
	void closeInbound() throws SSLException {
		this.engine.closeInbound();
	}

	/** Called on the caller's thread after it heard that the delegated tasks ran. */
	void tasksRun() {
		this.taskRunning = false;
	}

	boolean isTaskRunning() {
		return this.taskRunning;
	}

	/** Whether the handshake is over and application data flows. */
	boolean isEstablished() {
		return this.established;
	}

	/** Whether the peer's close_notify arrived. */
	boolean isInboundDone() {
		return this.engine.isInboundDone();
	}

	/** The largest record the engine writes or reads, which a buffer must have room for. */
	int packetSize() {
		return this.packetSize;
	}

	SSLEngine engine() {
		return this.engine;
	}

	private void noteHandshake(HandshakeStatus status) {
		if (!this.established
				&& (status == HandshakeStatus.FINISHED || status == HandshakeStatus.NOT_HANDSHAKING)) {
			this.established = true;
			this.tls13 = "TLSv1.3".equals(this.engine.getSession().getProtocol());
			this.packetSize = Math.max(this.packetSize, this.engine.getSession().getPacketBufferSize());
		}
	}

	private void growPacketSize() throws SSLException {
		int size = this.engine.getSession().getPacketBufferSize();
		if (size <= this.packetSize) {
			throw new SSLException("The TLS engine asks for more room than its packet size of " + size + " bytes");
		}
		this.packetSize = size;
	}

	private static boolean isHandshaking(HandshakeStatus status) {
		return status == HandshakeStatus.NEED_TASK || status == HandshakeStatus.NEED_WRAP
				|| status == HandshakeStatus.NEED_UNWRAP;
	}

	/** One hand-off for all the tasks the engine has now; the caller reads nothing meanwhile. */
	private void runTasks() {
		this.taskRunning = true;
		Runnable work = () -> {
			try {
				Runnable task;
				while ((task = this.engine.getDelegatedTask()) != null) {
					task.run();
				}
			}
			finally {
				this.onTasksRun.run();
			}
		};
		try {
			this.taskExecutor.execute(work);
		}
		catch (RejectedExecutionException ex) {
			// A saturated executor slows this handshake down, as it does handler calls.
			work.run();
		}
	}

}
