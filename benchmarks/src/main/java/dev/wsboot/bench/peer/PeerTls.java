package dev.wsboot.bench.peer;

import java.io.File;
import java.util.Map;

import javax.net.ssl.SSLException;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * The TLS options both peer servers take: {@code --tls-cert FILE --tls-key FILE} (PEM) turn
 * TLS on, {@code --tls-engine jdk|openssl} picks the JDK's engines (the default) or
 * BoringSSL's through netty-tcnative. Both servers then serve the same certificate with the
 * same provider.
 */
final class PeerTls {

	private PeerTls() {
	}

	static boolean enabled(Map<String, String> options) {
		return options.containsKey("tls-cert");
	}

	static boolean openSsl(Map<String, String> options) {
		String engine = options.getOrDefault("tls-engine", "jdk");
		if (!engine.equals("jdk") && !engine.equals("openssl")) {
			throw new IllegalArgumentException("--tls-engine is jdk or openssl, not " + engine);
		}
		return engine.equals("openssl");
	}

	/** wsboot's engines: the JDK's from a Spring Boot PEM bundle, or BoringSSL's. */
	static SslEngineSource wsboot(Map<String, String> options) throws SSLException {
		String certificate = required(options, "tls-cert");
		String key = required(options, "tls-key");
		if (openSsl(options)) {
			return new OpenSslEngineSource(new File(certificate), new File(key));
		}
		SslBundle bundle = SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(certificate).withPrivateKey(key), null));
		return SslEngineSource.of(bundle.createSslContext(), ClientAuth.NONE);
	}

	/** Netty's context for its {@code SslHandler}, of the same provider. */
	static SslContext netty(Map<String, String> options) throws SSLException {
		return SslContextBuilder.forServer(new File(required(options, "tls-cert")), new File(required(options, "tls-key")))
			.sslProvider(openSsl(options) ? SslProvider.OPENSSL : SslProvider.JDK)
			.build();
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is needed for TLS");
		}
		return value;
	}

}
