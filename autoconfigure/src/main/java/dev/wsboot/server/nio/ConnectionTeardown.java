package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SelectionKey;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.ProtocolEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the TCP connections of one {@link IoLoop} end, on its thread: once a refusal or the
 * closing handshake is written, our side is shut and the peer's end awaited, or the socket
 * closed at once; {@link #closeNow} is the one place a socket is closed and what the
 * connection holds is given back. One per loop, shared by its connections, which hold the
 * state.
 */
final class ConnectionTeardown {

	// Under the connection's name, where these lines have always been logged.
	private static final Logger logger = LoggerFactory.getLogger(Connection.class);

	private final IoLoop loop;

	ConnectionTeardown(IoLoop loop) {
		this.loop = loop;
	}

	/** Everything queued may be written: the refusal is out, or the closing handshake may end TCP. */
	void outputDrained(Connection connection) {
		Connection.Phase phase = connection.phase();
		if (connection.outputBytes() != 0 || phase == Connection.Phase.CLOSED
				|| phase == Connection.Phase.LINGERING) {
			return;
		}
		if (phase == Connection.Phase.HANDSHAKE) {
			if (connection.handshake == null) {
				linger(connection);
			}
			return;
		}
		ProtocolEngine engine = connection.engine();
		if (engine != null && engine.isTcpCloseExpected()) {
			if (connection.inputEnded || connection.abandoned) {
				closeNow(connection);
			}
			else {
				linger(connection);
			}
		}
	}

	/** RFC 6455 §7.1.1: the server closes the TCP connection first; shut our side and read until the peer's. */
	private void linger(Connection connection) {
		connection.phase = Connection.Phase.LINGERING;
		try {
			connection.transport().shutdownOutput(connection.channel());
		}
		catch (IOException ex) {
			closeNow(connection);
			return;
		}
		connection.setInterest(SelectionKey.OP_READ, true);
	}

	void onTransportFailure(Connection connection, IOException ex) {
		logger.debug("Connection from {} failed: {}", connection.remote(), ex.toString());
		closeNow(connection);
	}

	/** Closes the socket and releases everything; the one place a socket is closed. */
	void closeNow(Connection connection) {
		if (connection.phase() == Connection.Phase.CLOSED) {
			return;
		}
		connection.phase = Connection.Phase.CLOSED;
		try {
			connection.key.cancel();
			try {
				connection.transport().close(connection.channel());
			}
			catch (IOException ex) {
				logger.trace("Closing the socket of {} failed", connection.remote(), ex);
			}
			connection.output = null;
			ConnectionWriter.shut(connection);
			connection.heldInput = null;
			connection.handshake = null;
			this.loop.remove(connection);
			NioWsSession session = connection.session();
			if (session != null) {
				SessionEvents.end(session, CloseStatus.ABNORMAL);
			}
			releaseReservations(connection);
		}
		finally {
			ProtocolEngine engine = connection.engine();
			// A closed session keeps no protocol buffers, even if the application keeps the session.
			connection.engine = null;
			if (engine != null) {
				engine.release();
			}
			connection.server().connectionClosed();
		}
	}

	/** Gives back what the upgrade reserved: the max-connections slot and the per-address count. */
	void releaseReservations(Connection connection) {
		releaseSlot(connection);
		releaseAddress(connection);
	}

	/** Frees the max-connections slot the connection holds, once. */
	void releaseSlot(Connection connection) {
		if (connection.slotHeld) {
			connection.slotHeld = false;
			connection.server().releaseSession();
		}
	}

	/** Gives back the per-address connection the connection counts for, once. */
	private void releaseAddress(Connection connection) {
		InetAddress address = connection.addressHeld;
		AddressLimits limits = connection.server().addressLimits();
		if (address != null && limits != null) {
			connection.addressHeld = null;
			limits.releaseConnection(address);
		}
	}

}
