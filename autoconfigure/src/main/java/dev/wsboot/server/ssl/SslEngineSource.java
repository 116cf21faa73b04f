package dev.wsboot.server.ssl;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.jspecify.annotations.Nullable;

/**
 * Makes the server-mode {@link SSLEngine} of each accepted connection. The server asks it
 * once per connection, on the connection's I/O thread, so a source that a certificate
 * reload replaces affects only connections accepted afterwards. An engine from another
 * provider than the JDK's (OpenSSL through netty-tcnative, for example) may need to be
 * released when its connection ends: {@link #release} is called then, once.
 */
public interface SslEngineSource {

	/**
	 * A new engine in server mode, its client authentication, protocols and cipher suites
	 * set; the handshake not begun.
	 * @param peer the client's address, a hint for session caching, or {@code null}
	 */
	SSLEngine createEngine(@Nullable InetSocketAddress peer);

	/** The connection of {@code engine}, made by this source, has ended. Nothing by default. */
	default void release(SSLEngine engine) {
	}

	/**
	 * Engines from the JDK's provider for {@code context}, with the JDK's default protocols
	 * and cipher suites.
	 */
	static SslEngineSource of(SSLContext context, ClientAuth clientAuth) {
		return new JdkSslEngineSource(context, clientAuth, null, null);
	}

	/**
	 * Engines from the JDK's provider for {@code context}, limited to these protocols and
	 * cipher suites where given ({@code null} for the JDK's defaults).
	 */
	static SslEngineSource of(SSLContext context, ClientAuth clientAuth, String @Nullable [] protocols,
			String @Nullable [] ciphers) {
		return new JdkSslEngineSource(context, clientAuth, protocols, ciphers);
	}

}
