package dev.wsboot.test.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Terminates TLS in front of the plain WebSocket server, with the self-signed certificate
 * of {@code localhost} in {@code tls/localhost.p12}: a {@code wss:} server for the client's
 * tests while the server has no TLS of its own.
 */
final class TlsProxy implements AutoCloseable {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final ServerSocket serverSocket;

	TlsProxy(int plainPort) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(keyStore(), PASSWORD);
		context.init(keys.getKeyManagers(), null, null);
		this.serverSocket = context.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
		((SSLServerSocket) this.serverSocket).setNeedClientAuth(false);
		Thread acceptor = new Thread(() -> accept(plainPort), "tls-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** A context that trusts the proxy's certificate, as a test trusts its server's. */
	static SSLContext trustingContext() throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(keyStore());
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	private void accept(int plainPort) {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket secure = this.serverSocket.accept();
				Socket plain = new Socket(InetAddress.getLoopbackAddress(), plainPort);
				pipe(secure, plain);
				pipe(plain, secure);
			}
			catch (IOException ex) {
				// Closed, or a client that failed its handshake: wait for the next.
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// One side ended: end the other.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tls-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static KeyStore keyStore() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = TlsProxy.class.getResourceAsStream("/tls/localhost.p12")) {
			store.load(in, PASSWORD);
		}
		return store;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closed either way.
		}
	}

	@Override
	public void close() {
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
