package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import dev.wsboot.protocol.ProtocolEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of the connections of one {@link IoLoop}, on its thread: reads into
 * the loop's buffer, hands the bytes to the upgrade request or the {@link ProtocolEngine},
 * keeps what the engine left when the handler fell behind and stops reading until it caught
 * up, and decides what the end of the peer's stream means. One per loop, shared by its
 * connections, which hold the state: an idle connection pays for no object of this.
 */
final class ConnectionReader {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionReader.class);

	/** What a lingering connection reads at most while waiting for the peer to close: a flood is cut off. */
	static final int LINGER_READ_LIMIT = 64 * 1024;

	private final IoLoop loop;

	ConnectionReader(IoLoop loop) {
		this.loop = loop;
	}

	/** The socket of {@code connection} has bytes, or its end. */
	void onReadable(Connection connection, ByteBuffer buffer) {
		buffer.clear();
		int read;
		try {
			read = connection.transport().read(connection.channel(), buffer);
		}
		catch (IOException ex) {
			connection.onTransportFailure(ex);
			return;
		}
		if (read < 0) {
			onEndOfStream(connection);
			return;
		}
		if (read == 0) {
			// A TLS record that was part of the handshake, or is partial: no bytes for us yet.
			return;
		}
		this.loop.timers().read(connection, this.loop.now());
		buffer.flip();
		switch (connection.phase()) {
			case HANDSHAKE -> this.loop.upgrader().onRequestBytes(connection, buffer);
			case OPEN -> receive(connection, buffer);
			case LINGERING -> {
				// What the peer still sends is dropped, up to a bound.
				connection.lingerRead += read;
				if (connection.lingerRead > LINGER_READ_LIMIT) {
					connection.closeNow();
				}
			}
			default -> {
			}
		}
	}

	/** Hands WebSocket bytes to the engine; keeps what it leaves when paused. */
	void receive(Connection connection, ByteBuffer buffer) {
		ProtocolEngine engine = connection.engine();
		if (engine == null) {
			return;
		}
		SocketWriter.applyQueued(connection);
		if (connection.isClosed()) {
			return;
		}
		long queuedBefore = connection.outputBytes();
		engine.receive(buffer);
		if (engine.isInputPaused()) {
			if (buffer.hasRemaining()) {
				connection.heldInput = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
			}
			connection.setInterest(SelectionKey.OP_READ, false);
		}
		connection.afterEngine();
		if (queuedBefore > 0 && connection.outputBytes() > queuedBefore) {
			// The engine answered pings: a peer that pings and never reads must not make the
			// server buffer its pongs without bound.
			SocketWriter.checkLimit(connection);
		}
	}

	/** The handler fell behind: stop reading after the current frame. */
	void pause(Connection connection) {
		ProtocolEngine engine = connection.engine();
		if (engine != null) {
			engine.pauseInput();
		}
	}

	/** Asks the I/O thread to read again, if the handler has caught up by then; any thread. */
	void resumeSoon(Connection connection) {
		this.loop.execute(() -> resume(connection));
	}

	private void resume(Connection connection) {
		ProtocolEngine engine = connection.engine();
		NioWsSession session = connection.session();
		if (connection.phase() != Connection.Phase.OPEN || engine == null || session == null
				|| !engine.isInputPaused() || session.calls().isBacklogged()) {
			return;
		}
		engine.resumeInput();
		ByteBuffer held = connection.heldInput;
		connection.heldInput = null;
		if (held != null) {
			receive(connection, held);
		}
		if (!engine.isInputPaused() && !connection.inputEnded && !connection.abandoned) {
			connection.setInterest(SelectionKey.OP_READ, true);
			if (connection.transport().hasPendingInput()) {
				// TLS records already read from the socket: no selector event announces them.
				this.loop.readSoon(connection);
			}
		}
	}

	private void onEndOfStream(Connection connection) {
		connection.inputEnded = true;
		connection.setInterest(SelectionKey.OP_READ, false);
		ProtocolEngine engine = connection.engine();
		Connection.Phase phase = connection.phase();
		if (phase != Connection.Phase.OPEN || engine == null || !engine.isInputDone()) {
			// Before the closing handshake, or waiting for the reply to our close: the peer is gone.
			if (phase == Connection.Phase.OPEN && logger.isDebugEnabled()) {
				logger.debug("Connection from {} closed without a close frame", connection.remote());
			}
			connection.closeNow();
			return;
		}
		// The peer closed and shut its side: what it is owed (replies, our close) still goes out.
		connection.outputDrained();
	}

}
