package dev.wsboot.ssl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;

/**
 * The certificate a bundle serves, checked to go with the bundle's private key, so that a
 * certificate renewed without its key (or the other way round) is refused before a client
 * fails on it.
 */
record ServerCertificate(X509Certificate certificate) {

	private static final byte[] PROBE = "wsboot: does the key sign for the certificate?".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The certificate of the bundle's key entry, once its private key was shown to sign
	 * what the certificate's public key verifies.
	 * @throws IllegalStateException when the bundle has no key entry or key and
	 * certificate do not match
	 */
	static ServerCertificate of(SslBundle bundle) {
		KeyStore store = bundle.getStores().getKeyStore();
		if (store == null) {
			throw new IllegalStateException("The bundle has no key store");
		}
		try {
			String alias = alias(store, bundle.getKey());
			String password = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
					: bundle.getStores().getKeyStorePassword();
			PrivateKey key = (PrivateKey) store.getKey(alias, (password != null) ? password.toCharArray() : null);
			Certificate certificate = store.getCertificate(alias);
			if (key == null || !(certificate instanceof X509Certificate x509)) {
				throw new IllegalStateException("The bundle's entry '" + alias + "' has no private key and certificate");
			}
			checkPair(key, x509);
			return new ServerCertificate(x509);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The bundle's key cannot be read: " + ex.getMessage(), ex);
		}
	}

	private static String alias(KeyStore store, SslBundleKey key) throws GeneralSecurityException {
		if (key.getAlias() != null) {
			return key.getAlias();
		}
		for (String alias : Collections.list(store.aliases())) {
			if (store.isKeyEntry(alias)) {
				return alias;
			}
		}
		throw new IllegalStateException("The bundle's key store has no private key");
	}

	private static void checkPair(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
		String algorithm = signatureAlgorithm(key.getAlgorithm());
		if (algorithm == null) {
			// A key of a kind this check does not know: the handshake will tell.
			return;
		}
		Signature signer = Signature.getInstance(algorithm);
		signer.initSign(key);
		signer.update(PROBE);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(certificate.getPublicKey());
		verifier.update(PROBE);
		if (!verifier.verify(signature)) {
			throw new IllegalStateException("The certificate " + certificate.getSubjectX500Principal().getName()
					+ " does not belong to the bundle's private key");
		}
	}

	private static @Nullable String signatureAlgorithm(String keyAlgorithm) {
		return switch (keyAlgorithm) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "Ed25519", "Ed448", "EdDSA" -> keyAlgorithm;
			case "DSA" -> "SHA256withDSA";
			default -> null;
		};
	}

	/** The serial number in hexadecimal, as tools print it. */
	String serial() {
		return this.certificate.getSerialNumber().toString(16);
	}

	String describe() {
		return "certificate " + this.certificate.getSubjectX500Principal().getName() + ", serial " + serial()
				+ ", valid until " + this.certificate.getNotAfter().toInstant();
	}

}
