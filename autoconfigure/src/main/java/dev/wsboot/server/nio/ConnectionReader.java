package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;

import dev.wsboot.protocol.ProtocolEngine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one {@link Connection}, on its I/O thread: reads into the loop's
 * buffer, hands the bytes to the upgrade request or the {@link ProtocolEngine}, keeps what
 * the engine left when the handler fell behind and stops reading until it caught up, and
 * decides what the end of the peer's stream means.
 */
final class ConnectionReader {

	private static final Logger logger = LoggerFactory.getLogger(ConnectionReader.class);

	/** What a lingering connection reads at most while waiting for the peer to close: a flood is cut off. */
	static final int LINGER_READ_LIMIT = 64 * 1024;

	private final Connection connection;

	private final IoLoop loop;

	private final Transport transport;

	/** Bytes read while the engine's input was paused, to hand over when it resumes. */
	private @Nullable ByteBuffer heldInput;

	/** The peer shut its side: nothing more to read. */
	private boolean inputEnded;

	private int lingerRead;

	ConnectionReader(Connection connection, IoLoop loop, Transport transport) {
		this.connection = connection;
		this.loop = loop;
		this.transport = transport;
	}

	/** The socket has bytes, or its end. */
	void onReadable(ByteBuffer buffer) {
		buffer.clear();
		int read;
		try {
			read = this.transport.read(buffer);
		}
		catch (IOException ex) {
			this.connection.onTransportFailure(ex);
			return;
		}
		if (read < 0) {
			onEndOfStream();
			return;
		}
		this.connection.timers().read(this.loop.now());
		buffer.flip();
		switch (this.connection.phase()) {
			case HANDSHAKE -> this.connection.onHandshakeBytes(buffer);
			case OPEN -> receive(buffer);
			case LINGERING -> {
				// What the peer still sends is dropped, up to a bound.
				this.lingerRead += read;
				if (this.lingerRead > LINGER_READ_LIMIT) {
					this.connection.closeNow();
				}
			}
			default -> {
			}
		}
	}

	/** Hands WebSocket bytes to the engine; keeps what it leaves when paused. */
	void receive(ByteBuffer buffer) {
		ProtocolEngine engine = this.connection.engine();
		if (engine == null) {
			return;
		}
		long queuedBefore = this.connection.output().bytes();
		engine.receive(buffer);
		if (engine.isInputPaused()) {
			if (buffer.hasRemaining()) {
				this.heldInput = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
			}
			this.connection.setInterest(SelectionKey.OP_READ, false);
		}
		this.connection.afterEngine();
		if (queuedBefore > 0 && this.connection.output().bytes() > queuedBefore) {
			// The engine answered pings: a peer that pings and never reads must not make the
			// server buffer its pongs without bound.
			this.connection.writer().checkLimit();
		}
	}

	/** The handler fell behind: stop reading after the current frame. */
	void pause() {
		ProtocolEngine engine = this.connection.engine();
		if (engine != null) {
			engine.pauseInput();
		}
	}

	/** Asks the I/O thread to read again, if the handler has caught up by then; any thread. */
	void resumeSoon() {
		this.loop.execute(this::resume);
	}

	private void resume() {
		ProtocolEngine engine = this.connection.engine();
		SessionEvents events = this.connection.events();
		if (this.connection.phase() != Connection.Phase.OPEN || engine == null || events == null
				|| !engine.isInputPaused() || events.calls().isBacklogged()) {
			return;
		}
		engine.resumeInput();
		ByteBuffer held = this.heldInput;
		this.heldInput = null;
		if (held != null) {
			receive(held);
		}
		if (!engine.isInputPaused() && !this.inputEnded && !this.connection.closer().isAbandoned()) {
			this.connection.setInterest(SelectionKey.OP_READ, true);
		}
	}

	private void onEndOfStream() {
		this.inputEnded = true;
		this.connection.setInterest(SelectionKey.OP_READ, false);
		ProtocolEngine engine = this.connection.engine();
		Connection.Phase phase = this.connection.phase();
		if (phase != Connection.Phase.OPEN || engine == null || !engine.isInputDone()) {
			// Before the closing handshake, or waiting for the reply to our close: the peer is gone.
			if (phase == Connection.Phase.OPEN && logger.isDebugEnabled()) {
				logger.debug("Connection from {} closed without a close frame", this.connection.remote());
			}
			this.connection.closeNow();
			return;
		}
		// The peer closed and shut its side: what it is owed (replies, our close) still goes out.
		this.connection.outputDrained();
	}

	/** Whether the peer shut its side of the connection. */
	boolean isInputEnded() {
		return this.inputEnded;
	}

	/** Drops what was kept of the input; the server gave up on the peer or the connection is closed. */
	void discard() {
		this.heldInput = null;
	}

}
