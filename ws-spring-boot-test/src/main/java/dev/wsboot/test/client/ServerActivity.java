package dev.wsboot.test.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * The server's side of the connections of a {@link WsTestClient}, when the server runs in the
 * test's JVM: what lets {@link WsTestSession#expectNoMessage()} and
 * {@link WsTestClient#settle()} know that the server is done, instead of sleeping. The test
 * kit's auto-configuration provides one, fed by a
 * {@link dev.wsboot.server.WsServerObserver}; a client without one relies on ping round trips
 * alone.
 *
 * <p>Connections are named by the client's end of them, which is the remote address of the
 * server's session.
 */
@FunctionalInterface
public interface ServerActivity {

	/**
	 * Waits until the server has no handler call running or waiting for the messages of these
	 * connections, and, when {@code written} is given, until everything queued for that
	 * connection has been handed to the network.
	 * @param connections the client ends of connections whose messages the server has read
	 * @param written the client end of a connection whose outbound data must be written, or
	 * {@code null}
	 * @param timeout how long to wait
	 * @throws AssertionError when the server is still busy after {@code timeout}, saying with what
	 */
	void awaitIdle(Collection<InetSocketAddress> connections, @Nullable InetSocketAddress written, Duration timeout);

}
