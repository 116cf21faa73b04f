package dev.wsboot.server;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * A WebSocket server on its own port. Created paused by a {@link WsServerFactory}; the
 * Spring context starts and stops it.
 */
public interface WsServer {

	/**
	 * Binds the port and starts accepting connections. Calling it on a started server has
	 * no effect.
	 * @throws WsServerException when the port cannot be bound
	 */
	void start();

	/**
	 * Stops gracefully: stops accepting, sends 1001 (going away) to every session, waits up
	 * to the shutdown timeout for their close replies and in-flight handler calls, then
	 * closes what is left. Calling it on a stopped server has no effect.
	 */
	void stop();

	/**
	 * The address the server listens on; the port is the bound one, also when 0 was asked.
	 * {@code null} when the server is not started.
	 */
	@Nullable InetSocketAddress address();

	/** The bound port, or -1 when not started. */
	default int port() {
		InetSocketAddress address = address();
		return (address != null) ? address.getPort() : -1;
	}

	/** Whether the server is listening. */
	boolean isRunning();

	/** The open sessions, by endpoint path. */
	WsSessionRegistry sessions();

	/**
	 * How many TCP connections are open: sessions, plus connections still in their upgrade
	 * request or finishing their close.
	 */
	int connectionCount();

}
