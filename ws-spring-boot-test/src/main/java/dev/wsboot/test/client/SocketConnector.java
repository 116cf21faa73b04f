package dev.wsboot.test.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

/**
 * Opens the connections of one {@link WsTestClient}'s upgrade requests: TCP with the socket
 * options a test client wants, wrapped in TLS for {@code wss:} with the client's
 * {@link SSLContext} and hostname check. Apart from {@link WsUpgradeSpec} so that the request
 * reads as HTTP, and the client's TLS settings live with the one code that uses them.
 */
final class SocketConnector {

	private final @Nullable SSLContext sslContext;

	private final boolean verifyHostname;

	SocketConnector(@Nullable SSLContext sslContext, boolean verifyHostname) {
		this.sslContext = sslContext;
		this.verifyHostname = verifyHostname;
	}

	/**
	 * Connects, and for {@code secure} completes the TLS handshake.
	 * @param timeout how long connecting, and each read until the upgrade is answered, may take
	 * @param receiveBufferSize the receive buffer to ask for before connecting, or 0 for the
	 * platform's
	 * @throws UncheckedIOException when the client cannot connect
	 */
	Socket connect(String host, int port, boolean secure, Duration timeout, int receiveBufferSize) {
		Socket socket = new Socket();
		try {
			if (receiveBufferSize > 0) {
				// Before connecting, so that the TCP window is negotiated with it.
				socket.setReceiveBufferSize(receiveBufferSize);
			}
			// Each frame leaves at once: tests send small frames and wait for answers.
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) timeout.toMillis());
			socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
			return secure ? secure(socket, host, port) : socket;
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException("Could not connect to " + host + ":" + port + ": " + ex.getMessage(), ex);
		}
	}

	private Socket secure(Socket plain, String host, int port) throws IOException {
		SSLSocket socket = (SSLSocket) sslContext().getSocketFactory().createSocket(plain, host, port, true);
		if (this.verifyHostname) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
		}
		socket.startHandshake();
		return socket;
	}

	private SSLContext sslContext() {
		if (this.sslContext != null) {
			return this.sslContext;
		}
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No default SSLContext for wss: build the client with one", ex);
		}
	}

	static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed either way.
		}
	}

}
