package dev.wsboot.handshake;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakeExceptionTests {

	@Test
	void answersBadRequestWith400() {
		assertThat(HandshakeException.badRequest("Malformed request line").status()).isEqualTo(400);
	}

	@Test
	void answersUriTooLongWith414() {
		assertThat(HandshakeException.uriTooLong("Request line too long").status()).isEqualTo(414);
	}

	@Test
	void answersRequestHeaderFieldsTooLargeWith431() {
		assertThat(HandshakeException.requestHeaderFieldsTooLarge("Too many headers").status()).isEqualTo(431);
	}

	@Test
	void carriesItsReasonAsMessage() {
		assertThat(HandshakeException.badRequest("Header line has no colon")).hasMessage("Header line has no colon");
	}

	@Test
	void hasNoExtraHeadersUnlessGiven() {
		assertThat(HandshakeException.badRequest("No").extraHeaders().size()).isZero();
	}

	@Test
	void becomesARefusalWithItsStatusReasonAndExtraHeaders() {
		HandshakeException exception = new HandshakeException(503, "Too busy", HttpHeaders.of("Retry-After", "5"));
		assertThat(exception.toResponse())
				.isEqualTo(HandshakeResponse.reject(503, "Too busy").withHeader("Retry-After", "5"));
		assertThat(new String(exception.toResponse().toBytes(), StandardCharsets.ISO_8859_1))
				.startsWith("HTTP/1.1 503 Service Unavailable\r\n")
				.contains("\r\nRetry-After: 5\r\n")
				.endsWith("\r\n\r\nToo busy\n");
	}

	@Test
	void recordsNoStackTrace() {
		assertThat(HandshakeException.badRequest("No").getStackTrace()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 101, 200, 302, 399, 600 })
	void refusesAStatusThatIsNotAnError(int status) {
		assertThatIllegalArgumentException().isThrownBy(() -> new HandshakeException(status, "No"));
	}

}
