package dev.wsboot.test.client;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.test.client.Inbox.End;

/**
 * The sending side of one session: writes from the test's thread and the reader's (pongs,
 * the close echo) one at a time, and remembers whether a close frame went out, after which
 * a client sends nothing of its own (RFC 6455 §5.5.1), and whether data went out since the
 * client last {@linkplain WsTestClient#settle() settled}.
 */
final class SessionOutput {

	private final OutputStream out;

	private final String target;

	private final Inbox inbox;

	private final AtomicBoolean closeSent = new AtomicBoolean();

	/** Whether data was sent since the last {@link WsTestClient#settle()}. */
	private volatile boolean unsettled;

	SessionOutput(OutputStream out, String target, Inbox inbox) {
		this.out = out;
		this.target = target;
		this.inbox = inbox;
	}

	/** Writes the frames back to back in one write, noting a close frame among them. */
	void send(WsFrame... frames) {
		for (WsFrame frame : frames) {
			if (frame.opcode() == WsFrame.CLOSE) {
				this.closeSent.set(true);
			}
		}
		send(WsFrame.bytes(frames));
	}

	/**
	 * Writes bytes in one write.
	 * @throws UncheckedIOException when the connection is gone, saying how it ended if known
	 */
	void send(byte[] bytes) {
		this.unsettled = true;
		try {
			write(bytes);
		}
		catch (IOException ex) {
			End end = this.inbox.end();
			throw new UncheckedIOException("Could not send to " + this.target
					+ ((end != null) ? " as " + end.description() : ""), ex);
		}
	}

	/**
	 * Writes bytes in writes of {@code writeSize} bytes, each leaving at once.
	 * @throws UncheckedIOException when the connection is gone, saying how it ended if known
	 */
	void send(byte[] bytes, int writeSize) {
		if (writeSize < 1) {
			throw new IllegalArgumentException("Writes take at least one byte: " + writeSize);
		}
		this.unsettled = true;
		for (int at = 0; at < bytes.length; at += writeSize) {
			send(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + writeSize)));
		}
	}

	/** Writes a frame, ignoring a connection that is gone: the reader reports how it ended. */
	void sendQuietly(WsFrame frame) {
		try {
			write(frame.bytes());
		}
		catch (IOException ex) {
			// The connection is gone; the reader reports how.
		}
	}

	/** Sends this close frame unless one went out already; true if it was sent. */
	boolean closeOnce(WsFrame close) {
		if (this.closeSent.compareAndSet(false, true)) {
			sendQuietly(close);
			return true;
		}
		return false;
	}

	/** Echoes the server's close with its code, unless the client closed first (RFC 6455 §5.5.1). */
	void echoClose(CloseStatus status) {
		boolean sendable = ServerFrameReader.isSendable(status.code());
		closeOnce(sendable ? WsFrame.close(status.code()) : WsFrame.close());
	}

	/** Answers a ping, until a close frame went out. */
	void pong(byte[] payload) {
		if (!this.closeSent.get()) {
			sendQuietly(WsFrame.pong(payload));
		}
	}

	/** Whether data was sent since the last {@link #settled()}. */
	boolean isUnsettled() {
		return this.unsettled;
	}

	/** The client is settling: what was sent so far is covered by the ping about to go out. */
	void settled() {
		this.unsettled = false;
	}

	private void write(byte[] bytes) throws IOException {
		synchronized (this.out) {
			this.out.write(bytes);
			this.out.flush();
		}
	}

}
