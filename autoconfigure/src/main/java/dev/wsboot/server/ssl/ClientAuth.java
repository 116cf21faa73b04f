package dev.wsboot.server.ssl;

import javax.net.ssl.SSLEngine;

/**
 * Whether the server asks clients for a certificate during the TLS handshake, with the
 * values of Spring Boot's {@code server.ssl.client-auth}.
 */
public enum ClientAuth {

	/** No certificate is asked for. */
	NONE,

	/** A certificate is asked for; a client without one still connects. */
	WANT,

	/** A certificate is required; a client without one fails the handshake. */
	NEED;

	/** Sets this on a server-mode engine. */
	public void applyTo(SSLEngine engine) {
		switch (this) {
			case NEED -> engine.setNeedClientAuth(true);
			case WANT -> engine.setWantClientAuth(true);
			case NONE -> engine.setWantClientAuth(false);
		}
	}

}
