package dev.wsboot.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import dev.wsboot.server.ssl.ClientAuth;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestCertificates;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A peer speaking the wrong protocol is answered from its first bytes, long before the
 * handshake timeout (a minute here): plain HTTP on the TLS port gets a TLS alert, a TLS
 * ClientHello on a plain port gets a 400. Garbage as the first flight fails the TLS
 * handshake at once too.
 */
class WrongProtocolTests {

	/** RFC 8446 §6: a fatal (2) unexpected_message (10) alert in a record of TLS 1.2's version. */
	private static final String UNEXPECTED_MESSAGE_ALERT = "1503030002020a";

	/** Far longer than any answer here may take; a guard, not a measurement. */
	private static final Duration ANSWER = Duration.ofSeconds(5);

	@TempDir
	static Path dir;

	private static TestCertificates certificates;

	private static final TlsServers.RecordingObserver observer = new TlsServers.RecordingObserver();

	private static TestWsServer tls;

	private static TestWsServer plain;

	@BeforeAll
	static void start() {
		certificates = TestCertificates.create(dir);
		tls = TlsServers.start(certificates, ClientAuth.NONE, null, (factory) -> {
			factory.setHandshakeTimeout(Duration.ofMinutes(1));
			factory.setObserver(observer);
		});
		plain = TestWsServer.start((factory) -> factory.setHandshakeTimeout(Duration.ofMinutes(1)));
	}

	@AfterAll
	static void stop() {
		tls.close();
		plain.close();
	}

	@Test
	void plainHttpOnTheTlsPortIsAnsweredWithAnAlertAtOnce() {
		try (RawWsClient client = RawWsClient.connect(tls.port()).timeout(ANSWER)) {
			client.send("GET /echo HTTP/1.1\r\n");
			assertThat(HexFormat.of().formatHex(client.readUntilEnd())).isEqualTo(UNEXPECTED_MESSAGE_ALERT);
		}
		assertThat(observer.tlsFailures).contains("not-tls");
		tls.awaitNothingOpen();
	}

	@Test
	void oneByteOfPlainHttpIsEnoughToKnow() {
		try (RawWsClient client = RawWsClient.connect(tls.port()).timeout(ANSWER)) {
			client.send("G");
			assertThat(HexFormat.of().formatHex(client.readUntilEnd())).isEqualTo(UNEXPECTED_MESSAGE_ALERT);
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void garbageAfterAHandshakeRecordHeaderFailsTheHandshakeAtOnce(int seed) {
		byte[] garbage = new byte[300];
		new Random(seed).nextBytes(garbage);
		// A handshake record of TLS 1.0's version, as a ClientHello's, of 295 random bytes.
		byte[] header = { 0x16, 0x03, 0x01, 0x01, 0x27 };
		System.arraycopy(header, 0, garbage, 0, header.length);
		try (RawWsClient client = RawWsClient.connect(tls.port()).timeout(ANSWER)) {
			client.send(garbage);
			byte[] answer = client.readUntilEnd();
			assertThat(answer).as("an alert record, or nothing before the end").satisfiesAnyOf(
					(bytes) -> assertThat(bytes).isEmpty(), (bytes) -> assertThat(bytes[0]).isEqualTo((byte) 0x15));
		}
		assertThat(observer.tlsFailures).contains("handshake");
		tls.awaitNothingOpen();
	}

	@Test
	void tlsClientHelloOnAPlainPortIsAnswered400AtOnce() throws Exception {
		SSLContext context = certificates.clientContext();
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", plain.port())) {
			socket.setSoTimeout((int) ANSWER.toMillis());
			// The JDK client reads the 400 as a record it cannot make sense of, at once.
			assertThatExceptionOfType(javax.net.ssl.SSLException.class).isThrownBy(socket::startHandshake)
				.isNotInstanceOf(java.net.SocketTimeoutException.class);
		}
		try (RawWsClient client = RawWsClient.connect(plain.port()).timeout(ANSWER)) {
			client.send(new byte[] { 0x16, 0x03, 0x01 });
			assertThat(client.readUntilEndAsText()).startsWith("HTTP/1.1 400 ");
		}
		plain.awaitNothingOpen();
	}

	@Test
	void aClientThatDistrustsTheCertificateFailsTheHandshakeWhichIsCounted() throws Exception {
		SSLContext trustsNothing = SSLContext.getInstance("TLS");
		trustsNothing.init(null, null, null);
		try (SSLSocket socket = (SSLSocket) trustsNothing.getSocketFactory().createSocket("127.0.0.1", tls.port())) {
			socket.setSoTimeout((int) ANSWER.toMillis());
			assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(socket::startHandshake);
		}
		TestWsServer.eventually().until(() -> observer.tlsFailures.contains("handshake"));
		tls.awaitNothingOpen();
	}

}
