package dev.wsboot.server.nio;

import java.io.IOException;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts a {@link TlsTransport} sends when a connection fails before it is dropped: a
 * fatal unexpected_message to a peer whose first bytes cannot begin TLS, and whatever alert
 * the engine has after it failed. Each is written only if the socket takes it at once.
 */
final class TlsAlerts {

	/** Under the transport's name, whose failures these are. */
	private static final Logger logger = LoggerFactory.getLogger(TlsTransport.class);

	/** RFC 8446 §5.1: every TLS connection begins with a handshake record, content type 22. */
	private static final byte HANDSHAKE_RECORD = 0x16;

	/**
	 * RFC 8446 §6: a fatal unexpected_message alert in a plaintext record, the answer to a
	 * peer whose first bytes are no TLS record (plain HTTP, for example).
	 */
	private static final byte[] UNEXPECTED_MESSAGE_ALERT = { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a };

	private TlsAlerts() {
	}

	/**
	 * Answers bytes that cannot begin a TLS connection with an alert, and fails.
	 * @param in the first bytes the peer sent, in read mode, at least one
	 * @throws SSLException when the first byte is not that of a handshake record
	 */
	static void refuseNonTls(ByteBuffer in, CiphertextChannel socket, Connection connection) throws IOException {
		byte first = in.get(0);
		if (first == HANDSHAKE_RECORD) {
			return;
		}
		connection.server().settings().observer().onTlsFailure("not-tls");
		socket.writeAtOnce(ByteBuffer.wrap(UNEXPECTED_MESSAGE_ALERT));
		throw new SSLException(String.format("Not a TLS connection: its first byte was 0x%02x", first & 0xff));
	}

	/**
	 * After a failure of the engine: writes the alert it has for the peer into {@code out},
	 * then to the socket, unless ciphertext waits there before it.
	 */
	static void sendEngineAlert(TlsDriver driver, ByteBuffer out, CiphertextChannel socket, Connection connection) {
		try {
			driver.closeOutbound(out);
			out.flip();
			if (!socket.hasPendingOutput()) {
				socket.writeAtOnce(out);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.trace("No alert could be sent to {}", connection.remote(), ex);
		}
	}

}
