package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import dev.wsboot.protocol.OutboundBuffer;
import dev.wsboot.protocol.ProtocolEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections one {@link IoLoop} owns, on its thread: each set up and registered with
 * the loop's selector when its socket is handed over, forgotten when it closes, swept every
 * sweep interval for its deadlines and the buffers it no longer needs, and closed when the
 * loop ends.
 */
final class LoopConnections {

	// Under the loop's name, where these lines have always been logged.
	private static final Logger logger = LoggerFactory.getLogger(IoLoop.class);

	private final NioWsServer server;

	private final IoLoop loop;

	private final Selector selector;

	private final List<Connection> connections = new ArrayList<>();

	private final long sweepInterval;

	private long nextSweep;

	/**
	 * @param now the time the loop starts, in {@link System#nanoTime()} units: the first
	 * sweep is one interval later
	 */
	LoopConnections(NioWsServer server, IoLoop loop, Selector selector, long now) {
		this.server = server;
		this.loop = loop;
		this.selector = selector;
		this.sweepInterval = server.settings().sweepIntervalNanos();
		this.nextSweep = now + this.sweepInterval;
	}

	/** Has the selector watch an accepted socket, and sets up its connection. */
	void register(SocketChannel channel) {
		SelectionKey key;
		try {
			key = channel.register(this.selector, SelectionKey.OP_READ);
		}
		catch (ClosedChannelException ex) {
			drop(channel);
			return;
		}
		Connection connection;
		try {
			connection = new Connection(this.loop, key);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not set up a connection: {}", ex.toString());
			key.cancel();
			drop(channel);
			return;
		}
		// Before the loop selects again: it is this thread.
		key.attach(connection);
		connection.loopIndex = this.connections.size();
		this.connections.add(connection);
	}

	/** Closes a socket that got no connection, and gives back the count the acceptor took for it. */
	private void drop(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.trace("Closing a socket failed", ex);
		}
		this.server.connectionClosed();
	}

	/** Forgets a closed connection (O(1): the last one takes its slot). */
	void remove(Connection connection) {
		int index = connection.loopIndex;
		if (index < 0) {
			return;
		}
		Connection last = this.connections.remove(this.connections.size() - 1);
		if (last != connection) {
			this.connections.set(index, last);
			last.loopIndex = index;
		}
		connection.loopIndex = -1;
	}

	/** Visits every connection, on a copy of the list, since a visit may close one. */
	void forEach(Consumer<Connection> action) {
		new ArrayList<>(this.connections).forEach(action);
	}

	/** Closes every connection: the loop ends. */
	void closeAll() {
		for (Connection connection : new ArrayList<>(this.connections)) {
			connection.closeNow();
		}
	}

	/** When the next sweep is due, in {@link System#nanoTime()} units. */
	long nextSweep() {
		return this.nextSweep;
	}

	/**
	 * Sweeps if it is time to.
	 * @return whether it swept: connections may have queued frames, to write now
	 */
	boolean sweepIfDue(long now) {
		if (now - this.nextSweep < 0) {
			return false;
		}
		this.nextSweep = now + this.sweepInterval;
		sweep(now);
		return true;
	}

	/** Checks every connection's deadlines and lets go of the buffers a quiet one holds. */
	private void sweep(long now) {
		ConnectionCloser closer = this.loop.closer();
		for (int i = this.connections.size() - 1; i >= 0; i--) {
			if (i < this.connections.size()) {
				Connection connection = this.connections.get(i);
				try {
					closer.checkTimers(connection, now);
					trim(connection);
				}
				catch (RuntimeException ex) {
					// One connection's failure must not stop the others' timers.
					logger.error("Unexpected failure checking a connection's timers; closing it", ex);
					connection.closeNow();
				}
			}
		}
	}

	/** Gives back the buffers a quiet connection holds. */
	private static void trim(Connection connection) {
		OutboundBuffer queued = connection.output;
		if (queued != null && queued.isEmpty()) {
			connection.output = null;
		}
		ProtocolEngine engine = connection.engine();
		if (engine != null) {
			engine.trim();
		}
	}

}
