package dev.wsboot.ssl;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;

/**
 * The default {@link WsSslEngineFactory}: the JDK's engines, from the bundle's
 * {@link javax.net.ssl.SSLContext}, limited to its options' protocols and cipher suites
 * when it names any, as Spring Boot's own servers are.
 */
public class JdkWsSslEngineFactory implements WsSslEngineFactory {

	@Override
	public SslEngineSource create(SslBundle bundle, ClientAuth clientAuth) {
		SslOptions options = bundle.getOptions();
		return SslEngineSource.of(bundle.createSslContext(), clientAuth, options.getEnabledProtocols(),
				options.getCiphers());
	}

}
