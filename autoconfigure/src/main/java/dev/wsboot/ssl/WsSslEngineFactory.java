package dev.wsboot.ssl;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;

import org.springframework.boot.ssl.SslBundle;

/**
 * Makes the {@link javax.net.ssl.SSLEngine}s of the WebSocket server from an SSL bundle.
 * The default, {@link JdkWsSslEngineFactory}, uses the JDK's provider; define a bean of
 * this type to use another one, such as OpenSSL through netty-tcnative, without this
 * project depending on it.
 *
 * <p>It is asked at start and again each time the bundle is reloaded; the source it
 * returns then makes the engines of the connections accepted from then on. Engines are
 * released through the latest source, so a source must be able to release the engines of
 * the sources this factory made before it.
 */
@FunctionalInterface
public interface WsSslEngineFactory {

	/**
	 * The source of server engines for {@code bundle}: its key and certificate, its trust
	 * material for client certificates, and its options' protocols and cipher suites.
	 * @throws RuntimeException when the bundle cannot be used, which fails the start or
	 * keeps the previous certificate on a reload
	 */
	SslEngineSource create(SslBundle bundle, ClientAuth clientAuth);

}
