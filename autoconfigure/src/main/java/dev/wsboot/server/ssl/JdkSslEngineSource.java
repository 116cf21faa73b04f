package dev.wsboot.server.ssl;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.jspecify.annotations.Nullable;

/**
 * {@link SslEngineSource} of the JDK's engines for one {@link SSLContext}.
 */
final class JdkSslEngineSource implements SslEngineSource {

	private final SSLContext context;

	private final ClientAuth clientAuth;

	private final String @Nullable [] protocols;

	private final String @Nullable [] ciphers;

	JdkSslEngineSource(SSLContext context, ClientAuth clientAuth, String @Nullable [] protocols,
			String @Nullable [] ciphers) {
		this.context = context;
		this.clientAuth = clientAuth;
		this.protocols = (protocols != null) ? protocols.clone() : null;
		this.ciphers = (ciphers != null) ? ciphers.clone() : null;
	}

	@Override
	public SSLEngine createEngine(@Nullable InetSocketAddress peer) {
		SSLEngine engine = (peer != null)
				? this.context.createSSLEngine(peer.getHostString(), peer.getPort())
				: this.context.createSSLEngine();
		engine.setUseClientMode(false);
		this.clientAuth.applyTo(engine);
		if (this.protocols != null) {
			engine.setEnabledProtocols(this.protocols);
		}
		if (this.ciphers != null) {
			engine.setEnabledCipherSuites(this.ciphers);
		}
		return engine;
	}

}
