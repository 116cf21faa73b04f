package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.server.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ws-acceptor} thread: accepts sockets in blocking mode and hands each to the
 * next {@link IoLoop}, round robin.
 */
final class Acceptor implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Acceptor.class);

	/** Pause after an accept failure such as "too many open files", so it cannot spin. */
	private static final long BACKOFF_NANOS = 100_000_000L;

	private static final int ACCEPT_BACKLOG = 4096;

	private final NioWsServer server;

	private final ServerSocketChannel serverChannel;

	private final IoLoop[] loops;

	private final Thread thread;

	private int next;

	Acceptor(NioWsServer server, ServerSocketChannel serverChannel, IoLoop[] loops) {
		this.server = server;
		this.serverChannel = serverChannel;
		this.loops = loops;
		this.thread = new Thread(this, "ws-acceptor");
	}

	/**
	 * Opens the listening socket.
	 * @param port the configured port, which a {@link PortInUseException} names (0 for any)
	 */
	static ServerSocketChannel bind(InetSocketAddress address, int port) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel.open();
		try {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(address, ACCEPT_BACKLOG);
			return channel;
		}
		catch (BindException ex) {
			channel.close();
			throw new PortInUseException(port, ex);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/** Closes the listening socket, which ends the thread's blocking accept. */
	static void close(ServerSocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the listening socket failed", ex);
		}
	}

	void start() {
		this.thread.start();
	}

	/** Waits up to {@code millis} for the thread to end; an interrupt ends the wait, and stays set. */
	void awaitExit(long millis) {
		try {
			this.thread.join(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void run() {
		while (this.serverChannel.isOpen()) {
			SocketChannel channel;
			try {
				channel = this.serverChannel.accept();
			}
			catch (ClosedChannelException ex) {
				return;
			}
			catch (IOException ex) {
				logger.warn("Accepting a connection failed: {}", ex.toString());
				LockSupport.parkNanos(BACKOFF_NANOS);
				continue;
			}
			adopt(channel);
		}
	}

	private void adopt(SocketChannel channel) {
		try {
			if (!this.server.connectionAccepted()) {
				channel.close();
				return;
			}
			channel.configureBlocking(false);
			channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
			IoLoop loop = this.loops[this.next];
			this.next = (this.next + 1) % this.loops.length;
			loop.adopt(channel);
		}
		catch (IOException ex) {
			logger.debug("Could not set up an accepted connection: {}", ex.toString());
			this.server.connectionRefused();
			try {
				channel.close();
			}
			catch (IOException ignored) {
				// Nothing more to release.
			}
		}
	}

}
