package dev.wsboot.server.nio;

import javax.net.ssl.SSLException;

/**
 * A TLS 1.2 client started a new handshake on an established connection, which the server
 * refuses by closing the connection.
 */
final class TlsRenegotiationException extends SSLException {

	TlsRenegotiationException() {
		super("The client tried to renegotiate the TLS session; the server does not allow it");
	}

}
