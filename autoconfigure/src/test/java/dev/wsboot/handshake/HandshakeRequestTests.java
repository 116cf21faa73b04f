package dev.wsboot.handshake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class HandshakeRequestTests {

	@Test
	void returnsTheFirstValueOfAHeaderIgnoringCase() {
		HandshakeRequest request = new HandshakeRequest("GET", "/", "/", null, "HTTP/1.1",
				HttpHeaders.of("Origin", "https://a.example", "Origin", "https://b.example"));
		assertThat(request.header("origin")).isEqualTo("https://a.example");
		assertThat(request.header("Host")).isNull();
	}

	@Test
	void keepsACopyOfModifiableHeaders() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Host", "example.com");
		HandshakeRequest request = new HandshakeRequest("GET", "/", "/", null, "HTTP/1.1", headers);
		headers.add("Host", "evil.example");
		assertThat(request.headers().all("Host")).containsExactly("example.com");
	}

	@Test
	void requiresTheRequestLineParts() {
		assertThatNullPointerException()
				.isThrownBy(() -> new HandshakeRequest("GET", "/", null, null, "HTTP/1.1", new HttpHeaders()))
				.withMessage("path");
	}

}
