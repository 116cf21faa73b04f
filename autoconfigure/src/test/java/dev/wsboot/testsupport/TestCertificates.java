package dev.wsboot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A test CA with a server certificate (for {@code localhost}, 127.0.0.1 and ::1) and a
 * client certificate it signed, made with {@code openssl} into a folder of the test's,
 * so that no private key is ever committed. EC P-256 keys: quick to make.
 */
public final class TestCertificates {

	private static final String OPENSSL = "openssl";

	private final Path dir;

	private TestCertificates(Path dir) {
		this.dir = dir;
	}

	/** A new CA, server and client certificate in {@code dir}. */
	public static TestCertificates create(Path dir) {
		TestCertificates certificates = new TestCertificates(dir);
		certificates.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
				"-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=wsboot test CA", "-addext",
				"basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
		certificates.issue("server", "localhost",
				"subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n");
		certificates.issue("client", "wsboot test client", "extendedKeyUsage=clientAuth\n");
		return certificates;
	}

	/**
	 * Issues a new server certificate with a new key into {@code name}.crt and
	 * {@code name}.key, as a renewal would, and returns its serial number.
	 */
	public BigInteger issueServerCertificate(String name) {
		return issue(name, "localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n");
	}

	private BigInteger issue(String name, String commonName, String extensions) {
		BigInteger serial = new BigInteger(63, ThreadLocalRandom.current()).add(BigInteger.ONE);
		write(name + ".ext", extensions);
		openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
				name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
		openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial",
				"0x" + serial.toString(16), "-days", "30", "-extfile", name + ".ext", "-out", name + ".crt");
		return serial;
	}

	public Path dir() {
		return this.dir;
	}

	public Path caCertificate() {
		return this.dir.resolve("ca.crt");
	}

	public Path serverCertificate() {
		return this.dir.resolve("server.crt");
	}

	public Path serverKey() {
		return this.dir.resolve("server.key");
	}

	public Path clientCertificate() {
		return this.dir.resolve("client.crt");
	}

	public Path clientKey() {
		return this.dir.resolve("client.key");
	}

	/** The server's key and certificate as a Spring Boot SSL bundle, trusting the CA for client certificates. */
	public SslBundle serverBundle() {
		return bundle(serverCertificate(), serverKey());
	}

	/** What a client uses that trusts the test CA and has no certificate of its own. */
	public SSLContext clientContext() {
		try {
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("ca", certificate(caCertificate()));
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a client uses that trusts the test CA and presents the client certificate. */
	public SSLContext clientContextWithCertificate() {
		return bundle(clientCertificate(), clientKey()).createSslContext();
	}

	/** The certificate in a PEM file. */
	public static X509Certificate certificate(Path pem) {
		try (InputStream in = Files.newInputStream(pem)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SslBundle bundle(Path certificate, Path key) {
		PemSslStoreDetails keyStore = PemSslStoreDetails.forCertificate(certificate.toString())
			.withPrivateKey(key.toString());
		PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate(caCertificate().toString());
		return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore));
	}

	private void write(String file, String content) {
		try {
			Files.writeString(this.dir.resolve(file), content, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs openssl in the folder; fails the test with its output if it fails. */
	public void openssl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(OPENSSL);
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(this.dir.toFile()).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(
						String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + OPENSSL + "; the TLS tests need it on the PATH", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
