package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

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

	void start() {
		this.thread.start();
	}

	void join(long millis) throws InterruptedException {
		this.thread.join(millis);
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
