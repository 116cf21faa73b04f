package dev.wsboot.test.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.wsboot.test.client.Inbox.End;

/**
 * The socket under one session and how it ended: by the server, by the client, and when the
 * {@link SessionReader} stopped. Kept apart from the session because the reader and the
 * test's thread both end it, and {@link WsTestSession#expectConnectionEnd()} must tell who
 * did.
 */
final class SessionConnection {

	private final Socket socket;

	private final Inbox inbox;

	private final String target;

	private final CountDownLatch readerDone = new CountDownLatch(1);

	/** Whether the server ended the connection: end of stream, or a reset. */
	private volatile boolean endedByServer;

	/** Whether the client closed, or reset, the connection itself. */
	private volatile boolean closedByClient;

	SessionConnection(Socket socket, Inbox inbox, String target) {
		this.socket = socket;
		this.inbox = inbox;
		this.target = target;
	}

	/** The client's end of the connection. */
	InetSocketAddress localAddress() {
		return (InetSocketAddress) this.socket.getLocalSocketAddress();
	}

	boolean isClosedByClient() {
		return this.closedByClient;
	}

	// ---- the reader thread ----

	/** The connection ended, by the server unless the client closed its socket first. */
	void ended() {
		if (!this.closedByClient) {
			this.endedByServer = true;
		}
	}

	/** The reader is done: the server closed, the connection failed, or the server broke the protocol. */
	void readerEnded() {
		closeSocket();
		this.readerDone.countDown();
	}

	// ---- the test's thread ----

	/**
	 * After the client's close frame: waits up to {@code timeout} for the session to end and
	 * again for the reader to stop, then closes the socket.
	 */
	void closeAfterHandshake(Duration timeout) {
		this.inbox.awaitEnd(timeout);
		awaitReader(timeout);
		this.closedByClient = true;
		closeSocket();
	}

	/** Closes the socket with a TCP reset; wait for the reader with {@link #awaitReader}. */
	void reset() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Closed already: nothing to reset.
		}
		this.closedByClient = true;
		closeSocket();
	}

	/** Waits up to {@code timeout} for the reader to stop; false if it did not. */
	boolean awaitReader(Duration timeout) {
		return Latches.await(this.readerDone, timeout);
	}

	/**
	 * Waits for the server to end the connection.
	 * @throws AssertionError when it is still up after {@code timeout}, or the client ended it
	 * first, saying so
	 */
	void expectEndedByServer(Duration timeout) {
		boolean ended = awaitReader(timeout);
		if (this.endedByServer) {
			return;
		}
		End end = this.inbox.end();
		if (end != null && end.violation()) {
			throw new AssertionError("Expected the server to end the connection of " + this.target + ", but "
					+ end.description());
		}
		throw new AssertionError("Expected the server to end the connection of " + this.target + ", but "
				+ (ended ? "the client ended it" : "it was still up after " + Expectations.describe(timeout)
						+ ((end != null) ? " (" + end.description() + ")" : "")));
	}

	private void closeSocket() {
		SocketConnector.closeQuietly(this.socket);
	}

}
