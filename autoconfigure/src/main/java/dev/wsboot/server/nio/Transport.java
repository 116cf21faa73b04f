package dev.wsboot.server.nio;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;

/**
 * The byte stream under one {@link Connection}: plain TCP, or a security layer over it.
 * Called on the connection's I/O thread only, so an implementation that keeps state (an
 * {@code SSLEngine}) needs no lock.
 *
 * <p>Each call is given the connection's socket, so that plain TCP is one stateless
 * instance rather than an object per connection (an idle connection's memory is what a
 * server with many of them runs out of); a layer with state of its own may hold the socket
 * itself.
 */
interface Transport {

	/**
	 * The transport of an accepted socket: TLS when the server has an
	 * {@link SslEngineSource}, else plain TCP.
	 * @throws IOException when the TLS engine cannot begin its handshake
	 */
	static Transport of(SocketChannel channel, @Nullable SslEngineSource ssl, Connection connection)
			throws IOException {
		if (ssl == null) {
			return PlainTransport.INSTANCE;
		}
		SSLEngine engine = ssl.createEngine((InetSocketAddress) channel.getRemoteAddress());
		try {
			return new TlsTransport(channel, ssl, engine, connection);
		}
		catch (IOException | RuntimeException ex) {
			ssl.release(engine);
			throw ex;
		}
	}

	/**
	 * Reads what is available into {@code dest}.
	 * @return the number of bytes read, 0 when none is ready, -1 at the end of the stream
	 */
	int read(SocketChannel socket, ByteBuffer dest) throws IOException;

	/**
	 * Writes as much of {@code src} as the network takes now.
	 * @return the number of bytes of {@code src} taken
	 */
	int write(SocketChannel socket, ByteBuffer src) throws IOException;

	/**
	 * Writes what the transport itself still holds, such as records it produced while
	 * reading.
	 * @return true when nothing is left to write
	 */
	default boolean flush() throws IOException {
		return true;
	}

	/** Ends the outgoing direction once everything written so far is sent. */
	void shutdownOutput(SocketChannel socket) throws IOException;

	/** Closes the connection; nothing can be read or written afterwards. */
	void close(SocketChannel socket) throws IOException;

	/** The peer's address, or {@code null} when it is no longer known. */
	@Nullable InetSocketAddress remoteAddress(SocketChannel socket);

	/**
	 * Whether the security layer's handshake is over, so that HTTP may be spoken; always
	 * for plain TCP.
	 */
	default boolean isEstablished() {
		return true;
	}

	/** Whether the transport holds received bytes it has not handed out yet. */
	default boolean hasPendingInput() {
		return false;
	}

	/** The TLS session once its handshake is over; {@code null} for plain TCP. */
	default @Nullable SSLSession sslSession() {
		return null;
	}

}
