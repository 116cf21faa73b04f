package dev.wsboot.context;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;

import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WsServer} that pretends to listen on a fixed port and counts its stops, for the
 * lifecycle tests of the Spring glue; it opens no socket. The real server for tests is
 * {@link dev.wsboot.testsupport.TestWsServer}.
 */
class FakeWsServer implements WsServer {

	private final int port;

	private volatile boolean running;

	int stops;

	FakeWsServer(int port) {
		this.port = port;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.stops++;
		this.running = false;
	}

	@Override
	public @Nullable InetSocketAddress address() {
		return this.running ? new InetSocketAddress("localhost", this.port) : null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int connectionCount() {
		return 0;
	}

	@Override
	public WsSessionRegistry sessions() {
		return new WsSessionRegistry() {

			@Override
			public Collection<WsSession> sessions(String path) {
				return List.of();
			}

			@Override
			public Collection<WsSession> all() {
				return List.of();
			}

			@Override
			public @Nullable WsSession find(String id) {
				return null;
			}

			@Override
			public int count() {
				return 0;
			}

		};
	}

}
