package dev.wsboot.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.nio.NioWsServerFactory;
import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.server.ssl.SslEngineSource;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;

/**
 * Test servers that speak TLS with the {@link TestCertificates} of a test, and a route,
 * {@code /session}, that answers each text message with a fact of its session.
 */
final class TlsServers {

	private TlsServers() {
	}

	/** A started TLS server on the JDK's engines, with these protocols ({@code null} for the defaults). */
	static TestWsServer start(TestCertificates certificates, ClientAuth clientAuth, String[] protocols,
			Consumer<NioWsServerFactory> configuration) {
		SSLContext context = certificates.serverBundle().createSslContext();
		return TestWsServer.start((factory) -> {
			factory.setSslEngineSource(SslEngineSource.of(context, clientAuth, protocols, null));
			configuration.accept(factory);
		}, new WsRoute("/session", new SessionFacts(), List.of(), false));
	}

	static TestWsServer start(TestCertificates certificates) {
		return start(certificates, ClientAuth.NONE, null, (factory) -> {
		});
	}

	static TestCertificates certificates(Path dir) {
		return TestCertificates.create(dir);
	}

	/**
	 * Answers "secure" with whether the session is, "protocol" with its TLS protocol and
	 * "peer" with the subject of the client's certificate, or "none".
	 */
	static final class SessionFacts implements WsHandler {

		@Override
		public void onText(WsSession session, String text) {
			session.sendText(switch (text) {
				case "secure" -> Boolean.toString(session.isSecure());
				case "protocol" -> (session.sslSession() != null) ? session.sslSession().getProtocol() : "none";
				case "peer" -> peer(session);
				default -> "?";
			});
		}

		private static String peer(WsSession session) {
			try {
				return ((java.security.cert.X509Certificate) session.sslSession().getPeerCertificates()[0])
					.getSubjectX500Principal()
					.getName();
			}
			catch (javax.net.ssl.SSLPeerUnverifiedException | NullPointerException ex) {
				return "none";
			}
		}

		@Override
		public void onBinary(WsSession session, byte[] data) {
		}

	}

	/** Records the TLS failures and limits a server reports. */
	static final class RecordingObserver implements WsServerObserver {

		final List<String> tlsFailures = new CopyOnWriteArrayList<>();

		final List<String> limits = new CopyOnWriteArrayList<>();

		@Override
		public void onTlsFailure(String reason) {
			this.tlsFailures.add(reason);
		}

		@Override
		public void onLimitExceeded(String limit) {
			this.limits.add(limit);
		}

	}

}
