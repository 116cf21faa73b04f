package dev.wsboot.test.autoconfigure;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * The trust a test client needs for a server under test: the certificates of the server's
 * own SSL bundle, so that a self-signed test certificate is accepted without trusting
 * anything else, and without the test building an {@link SSLContext} itself.
 */
final class ServerCertificateTrust {

	private ServerCertificateTrust() {
	}

	/** A client context trusting every certificate of the key store of {@code bundle}. */
	static SSLContext sslContext(SslBundle bundle) {
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			throw new IllegalStateException("The server's SSL bundle has no key store to take its certificate from");
		}
		try {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int index = 0;
			for (String alias : Collections.list(keyStore.aliases())) {
				Certificate[] chain = keyStore.getCertificateChain(alias);
				Certificate[] certificates = (chain != null) ? chain
						: new Certificate[] { keyStore.getCertificate(alias) };
				for (Certificate certificate : certificates) {
					if (certificate != null) {
						trusted.setCertificateEntry("server-" + index++, certificate);
					}
				}
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not trust the server's certificate: " + ex.getMessage(), ex);
		}
	}

}
