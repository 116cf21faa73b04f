package dev.wsboot.handshake;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeHandlerTests {

	private static final UpgradeTarget CHAT = new UpgradeTarget("/chat", List.of());

	/** The decorator shown in {@link HandshakeHandler}'s Javadoc, as written there. */
	private final HandshakeHandler handshakeHandler = handshakeHandler();

	HandshakeHandler handshakeHandler() {
		HandshakeHandler standard = new Rfc6455HandshakeHandler(List.of("https://example.com"));
		return (request, target) -> (request.header("Authorization") != null)
				? standard.handshake(request, target)
				: HandshakeResponse.reject(401, "Log in first").withHeader("WWW-Authenticate", "Bearer");
	}

	@Test
	void javadocExampleRefusesARequestWithoutAuthorization() {
		HandshakeResponse response = this.handshakeHandler.handshake(request(), CHAT);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().first("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void javadocExampleDelegatesARequestWithAuthorization() {
		HandshakeResponse response = this.handshakeHandler.handshake(request("Authorization", "Bearer t0ken"), CHAT);
		assertThat(response.isAccepted()).isTrue();
	}

	@Test
	void javadocExampleKeepsTheStandardChecks() {
		HandshakeResponse response = this.handshakeHandler
				.handshake(request("Authorization", "Bearer t0ken", "Origin", "https://evil.example"), CHAT);
		assertThat(response.status()).isEqualTo(403);
	}

	private static HandshakeRequest request(String... extraNamesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Host", "example.com");
		headers.add("Upgrade", "websocket");
		headers.add("Connection", "Upgrade");
		headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		headers.add("Sec-WebSocket-Version", "13");
		HttpHeaders.of(extraNamesAndValues).forEach(headers::add);
		return new HandshakeRequest("GET", "/chat", "/chat", null, "HTTP/1.1", headers);
	}

}
