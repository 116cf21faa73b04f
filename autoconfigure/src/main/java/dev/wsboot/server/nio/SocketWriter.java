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
 * <p>Keeps no state of its own, so that a connection pays for no object of this: the writer
 * and its connection hold it.
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
	static SendResult send(ConnectionWriter writer, ProtocolEngine engine, Outbox.Request request, long size) {
		Connection connection = writer.connection();
		if (Outbox.wouldOverflow(connection.outputBytes(), size, writer.limit())) {
			// What the socket takes now does not count: only a peer that does not read overflows.
			writeOut(writer, false);
			if (connection.isClosed() || writer.isRefusing()) {
				return SendResult.CLOSED;
			}
			if (Outbox.wouldOverflow(connection.outputBytes(), size, writer.limit())) {
				writer.shut();
				connection.loop().execute(connection::onOutboundOverflow);
				return SendResult.OVERFLOW;
			}
		}
		if (!request.applyTo(engine)) {
			return SendResult.CLOSED;
		}
		writer.queued(request, size);
		connection.afterEngine();
		return SendResult.QUEUED;
	}

	/** See {@link ConnectionWriter#flush()}. */
	static void flush(ConnectionWriter writer) {
		applyQueued(writer);
		if (writer.waitingForSocket || writer.connection().isClosed()) {
			return;
		}
		if (writeOut(writer, true)) {
			writer.connection().outputDrained();
		}
	}

	/** See {@link ConnectionWriter#applyQueued()}. */
	static void applyQueued(ConnectionWriter writer) {
		Connection connection = writer.connection();
		ProtocolEngine engine = connection.engine();
		Outbox current = writer.outboxIfAny();
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

	/** See {@link ConnectionWriter#checkLimit()}. */
	static void checkLimit(ConnectionWriter writer) {
		Connection connection = writer.connection();
		if (connection.outputBytes() <= writer.limit()) {
			return;
		}
		writeOut(writer, true);
		if (!connection.isClosed() && connection.outputBytes() > writer.limit()) {
			writer.shut();
			connection.onOutboundOverflow();
		}
	}

	/** See {@link ConnectionWriter#onWritable()}. */
	static void onWritable(ConnectionWriter writer) {
		writer.waitingForSocket = false;
		writer.connection().setInterest(SelectionKey.OP_WRITE, false);
		flush(writer);
	}

	/**
	 * Writes as much as the socket takes; sets OP_WRITE when it is full.
	 * @param closeNowOnFailure whether a failed write closes the connection at once, or
	 * shuts the outbox and closes it after the task now running
	 * @return true when everything queued is written
	 */
	private static boolean writeOut(ConnectionWriter writer, boolean closeNowOnFailure) {
		if (writer.waitingForSocket) {
			return false;
		}
		Connection connection = writer.connection();
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
					return waitForSocket(writer);
				}
			}
			return transport.flush() || waitForSocket(writer);
		}
		catch (IOException ex) {
			if (output != null) {
				output.clear();
			}
			if (closeNowOnFailure) {
				connection.onTransportFailure(ex);
			}
			else {
				writer.shut();
				connection.loop().execute(() -> connection.onTransportFailure(ex));
			}
			return false;
		}
		finally {
			writer.publishEngineBytes((output != null) ? output.bytes() : 0);
		}
	}

	private static boolean waitForSocket(ConnectionWriter writer) {
		writer.waitingForSocket = true;
		writer.connection().setInterest(SelectionKey.OP_WRITE, true);
		return false;
	}

}
