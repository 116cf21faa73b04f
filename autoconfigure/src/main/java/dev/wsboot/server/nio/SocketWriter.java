package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;

import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.ProtocolEngine;
import dev.wsboot.server.SendResult;

/**
 * The I/O-thread half of a {@link ConnectionWriter}: hands what is sent to the
 * {@link ProtocolEngine}, and writes what the engine queued to the socket, copying queued
 * frames into the loop's direct buffer so that one system call carries many small frames,
 * and leaving the rest to {@code OP_WRITE} when the socket is full.
 *
 * <p>Keeps no state of its own, so that a connection pays for no object of this: the
 * connection holds it.
 */
final class SocketWriter {

	private SocketWriter() {
	}

	/**
	 * On the I/O thread with nothing waiting in the outbox: straight to the engine. What the
	 * send makes end, the session if it overflows or the connection if its write fails, ends
	 * after the task now running, as on other threads: ending a session calls handlers, whose
	 * calls must not run inside the send of another, or even of this session's handler, which
	 * may be broadcasting with locks held.
	 */
	static SendResult send(Connection connection, ProtocolEngine engine, Outbox.Request request, long size) {
		if (Outbox.wouldOverflow(connection.outputBytes(), size, ConnectionWriter.limit(connection))) {
			// What the socket takes now does not count: only a peer that does not read overflows.
			writeOut(connection, false);
			if (connection.isClosed() || ConnectionWriter.isRefusing(connection)) {
				return SendResult.CLOSED;
			}
			if (Outbox.wouldOverflow(connection.outputBytes(), size, ConnectionWriter.limit(connection))) {
				ConnectionWriter.shut(connection);
				connection.loop().execute(connection::onOutboundOverflow);
				return SendResult.OVERFLOW;
			}
		}
		if (!request.applyTo(engine)) {
			return SendResult.CLOSED;
		}
		ConnectionWriter.queued(connection, request, size);
		connection.afterEngine();
		return SendResult.QUEUED;
	}

	/** Hands what other threads asked for to the engine, writes everything, and tells the connection when all is out. */
	static void flush(Connection connection) {
		applyQueued(connection);
		if (connection.waitingForSocket || connection.isClosed()) {
			return;
		}
		if (writeOut(connection, true)) {
			connection.outputDrained();
		}
	}

	/**
	 * Hands the engine what other threads queued, in their order, without writing: done
	 * before the engine reads too, so that the answer to a ping follows whatever was sent
	 * before the ping was read, as a peer that uses pings as a barrier expects.
	 */
	static void applyQueued(Connection connection) {
		ProtocolEngine engine = connection.engine();
		Outbox current = connection.outbox;
		if (engine != null && current != null) {
			ArrayDeque<Outbox.Request> requests = current.takeAll();
			if (requests != null) {
				for (Outbox.Request request : requests) {
					request.applyTo(engine);
				}
				connection.noteEngineState();
			}
		}
	}

	/**
	 * Gives up on the peer when what is queued passes the limit even after a write: the
	 * engine queued answers (pongs) to a peer that does not read them.
	 */
	static void checkLimit(Connection connection) {
		if (connection.outputBytes() <= ConnectionWriter.limit(connection)) {
			return;
		}
		writeOut(connection, true);
		if (!connection.isClosed() && connection.outputBytes() > ConnectionWriter.limit(connection)) {
			ConnectionWriter.shut(connection);
			connection.onOutboundOverflow();
		}
	}

	/** OP_WRITE fired: the socket takes bytes again. */
	static void onWritable(Connection connection) {
		connection.waitingForSocket = false;
		connection.setInterest(SelectionKey.OP_WRITE, false);
		flush(connection);
	}

	/**
	 * Writes as much as the socket takes; sets OP_WRITE when it is full.
	 * @param closeNowOnFailure whether a failed write closes the connection at once, or
	 * shuts the outbox and closes it after the task now running
	 * @return true when everything queued is written
	 */
	private static boolean writeOut(Connection connection, boolean closeNowOnFailure) {
		if (connection.waitingForSocket) {
			return false;
		}
		ByteBuffer scratch = connection.loop().writeBuffer();
		OutboundBuffer output = connection.outputIfAny();
		Transport transport = connection.transport();
		try {
			while (output != null && !output.isEmpty()) {
				scratch.clear();
				output.copyTo(scratch);
				scratch.flip();
				int written = transport.write(connection.channel(), scratch);
				output.consume(written);
				if (scratch.hasRemaining()) {
					return waitForSocket(connection);
				}
			}
			return transport.flush() || waitForSocket(connection);
		}
		catch (IOException ex) {
			if (output != null) {
				output.clear();
			}
			if (closeNowOnFailure) {
				connection.onTransportFailure(ex);
			}
			else {
				ConnectionWriter.shut(connection);
				connection.loop().execute(() -> connection.onTransportFailure(ex));
			}
			return false;
		}
		finally {
			ConnectionWriter.publishEngineBytes(connection, (output != null) ? output.bytes() : 0);
		}
	}

	private static boolean waitForSocket(Connection connection) {
		connection.waitingForSocket = true;
		connection.setInterest(SelectionKey.OP_WRITE, true);
		return false;
	}

}
