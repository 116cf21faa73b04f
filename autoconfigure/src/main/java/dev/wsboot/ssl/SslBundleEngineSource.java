package dev.wsboot.ssl;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLEngine;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The {@link SslEngineSource} of the WebSocket server for one SSL bundle, made by a
 * {@link WsSslEngineFactory}. When the bundle is updated ({@code reload-on-update} on its
 * properties), connections accepted from then on get the new certificate while those
 * already open keep theirs; a new certificate that does not go with its key, or that the
 * factory cannot use, is refused, the previous one kept, and the failure logged and
 * counted, as is each reload.
 */
public final class SslBundleEngineSource implements SslEngineSource {

	private static final Logger logger = LoggerFactory.getLogger(SslBundleEngineSource.class);

	private final String bundleName;

	private final ClientAuth clientAuth;

	private final WsSslEngineFactory factory;

	private final AtomicLong reloads = new AtomicLong();

	private final AtomicLong failedReloads = new AtomicLong();

	private volatile SslEngineSource current;

	private volatile ServerCertificate certificate;

	private SslBundleEngineSource(String bundleName, SslBundle bundle, ClientAuth clientAuth,
			WsSslEngineFactory factory) {
		this.bundleName = bundleName;
		this.clientAuth = clientAuth;
		this.factory = factory;
		this.certificate = ServerCertificate.of(bundle);
		this.current = factory.create(bundle, clientAuth);
	}

	/**
	 * The source for the bundle {@code bundleName}, following its updates.
	 * @throws MissingSslBundleException when no bundle of that name exists
	 */
	public static SslBundleEngineSource create(SslBundles bundles, @Nullable String bundleName, ClientAuth clientAuth,
			WsSslEngineFactory factory) {
		if (bundleName == null || bundleName.isBlank()) {
			throw new MissingSslBundleException(null, bundles.getBundleNames());
		}
		SslBundle bundle;
		try {
			bundle = bundles.getBundle(bundleName);
		}
		catch (NoSuchSslBundleException ex) {
			throw new MissingSslBundleException(bundleName, bundles.getBundleNames());
		}
		SslBundleEngineSource source = new SslBundleEngineSource(bundleName, bundle, clientAuth, factory);
		bundles.addBundleUpdateHandler(bundleName, source::update);
		logger.info("WebSocket server TLS from SSL bundle '{}': {}", bundleName, source.certificate.describe());
		return source;
	}

	@Override
	public SSLEngine createEngine(@Nullable InetSocketAddress peer) {
		return this.current.createEngine(peer);
	}

	@Override
	public void release(SSLEngine engine) {
		this.current.release(engine);
	}

	/** The bundle was updated: new handshakes use it, unless it cannot be used. */
	void update(SslBundle bundle) {
		try {
			ServerCertificate next = ServerCertificate.of(bundle);
			this.current = this.factory.create(bundle, this.clientAuth);
			this.certificate = next;
			this.reloads.incrementAndGet();
			logger.info("Reloaded SSL bundle '{}' for the WebSocket server: {}", this.bundleName, next.describe());
		}
		catch (RuntimeException ex) {
			this.failedReloads.incrementAndGet();
			logger.error("SSL bundle '{}' was updated but cannot be used; the WebSocket server keeps its {}",
					this.bundleName, this.certificate.describe(), ex);
		}
	}

	/** The name of the bundle. */
	public String bundleName() {
		return this.bundleName;
	}

	/** The serial number, in hexadecimal, of the certificate new connections get. */
	public String certificateSerial() {
		return this.certificate.serial();
	}

	/** Updates of the bundle taken since the start. */
	public long reloads() {
		return this.reloads.get();
	}

	/** Updates of the bundle refused since the start, the previous certificate kept. */
	public long failedReloads() {
		return this.failedReloads.get();
	}

}
