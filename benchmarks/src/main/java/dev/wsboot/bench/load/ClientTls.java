package dev.wsboot.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * The load generator's {@code --tls <certificate.pem>}: every connection speaks TLS with the
 * JDK's engine, trusting exactly that certificate. Taken off the command line before the
 * other options are parsed, and set once, before any connection starts.
 */
final class ClientTls {

	private static volatile SSLContext context;

	private ClientTls() {
	}

	/** Takes {@code --tls <file>} out of {@code args}, sets TLS up if it was there, and returns the rest. */
	static String[] take(String[] args) {
		List<String> rest = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--tls") && i + 1 < args.length) {
				context = trusting(Path.of(args[++i]));
			}
			else if (args[i].startsWith("--tls=")) {
				context = trusting(Path.of(args[i].substring("--tls=".length())));
			}
			else {
				rest.add(args[i]);
			}
		}
		return rest.toArray(new String[0]);
	}

	static boolean enabled() {
		return context != null;
	}

	/** A client engine for the server, or {@code null} without {@code --tls}. */
	static SSLEngine newEngine(String host, int port) {
		SSLContext current = context;
		if (current == null) {
			return null;
		}
		SSLEngine engine = current.createSSLEngine(host, port);
		engine.setUseClientMode(true);
		return engine;
	}

	private static SSLContext trusting(Path certificate) {
		try (InputStream in = Files.newInputStream(certificate)) {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			int i = 0;
			for (Certificate each : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trust.setCertificateEntry("trusted-" + i++, each);
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext tls = SSLContext.getInstance("TLS");
			tls.init(null, factory.getTrustManagers(), null);
			return tls;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("--tls: cannot trust " + certificate + ": " + ex.getMessage(), ex);
		}
	}

}
