package dev.wsboot.security;

import java.util.Map;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Where {@link BearerTokens} finds a token, and what it refuses: RFC 6750's one method per
 * request, and a subprotocol token with nothing else to select.
 */
class BearerTokensTests {

	private final BearerTokens headerAndSubprotocol = new BearerTokens(null);

	private static WsUpgrade upgrade(String target, @Nullable String subprotocol, String... headers) {
		int question = target.indexOf('?');
		String path = (question >= 0) ? target.substring(0, question) : target;
		String query = (question >= 0) ? target.substring(question + 1) : null;
		HandshakeRequest request = new HandshakeRequest("GET", target, path, query, "HTTP/1.1",
				HttpHeaders.of(headers));
		return new WsUpgrade(request, path, Map.of(), subprotocol, null, "ws", null);
	}

	@Test
	void findsTheTokenOfAnAuthorizationHeaderWithTheBearerSchemeInAnyCase() {
		assertThat(this.headerAndSubprotocol.find(upgrade("/p", null, "Authorization", "Bearer abc.def")))
			.isEqualTo("abc.def");
		assertThat(this.headerAndSubprotocol.find(upgrade("/p", null, "Authorization", "bearer abc"))).isEqualTo("abc");
	}

	@Test
	void ignoresOtherAuthorizationSchemes() {
		assertThat(this.headerAndSubprotocol.find(upgrade("/p", null, "Authorization", "Basic YTpi"))).isNull();
		assertThat(this.headerAndSubprotocol.find(upgrade("/p", null, "Authorization", "Bearerish abc"))).isNull();
	}

	@Test
	void findsAnEmptyTokenInABearerHeaderWithoutOne() {
		assertThat(this.headerAndSubprotocol.find(upgrade("/p", null, "Authorization", "Bearer"))).isEmpty();
	}

	@Test
	void findsTheTokenOfABearerSubprotocolOfferedNextToTheSelectedOne() {
		assertThat(this.headerAndSubprotocol
			.find(upgrade("/p", "demo.v1", "Sec-WebSocket-Protocol", "demo.v1, bearer.abc.def.ghi"))).isEqualTo("abc.def.ghi");
	}

	@Test
	void refusesABearerSubprotocolWhenNoOtherIsSelected() {
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> this.headerAndSubprotocol
				.find(upgrade("/p", null, "Sec-WebSocket-Protocol", "bearer.abc")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void ignoresATokenInTheQueryUnlessTheApplicationNamesTheParameter() {
		assertThat(this.headerAndSubprotocol.find(upgrade("/p?access_token=abc", null))).isNull();
		assertThat(new BearerTokens("access_token").find(upgrade("/p?access_token=abc", null))).isEqualTo("abc");
	}

	@Test
	void refusesATokenSentMoreThanOneWay() {
		BearerTokens all = new BearerTokens("access_token");
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> all.find(upgrade("/p?access_token=abc", null, "Authorization", "Bearer abc")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		assertThatExceptionOfType(HandshakeException.class)
			.isThrownBy(() -> all.find(upgrade("/p", "demo.v1", "Authorization", "Bearer abc", "Sec-WebSocket-Protocol",
					"demo.v1, bearer.abc")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void findsNothingInARequestWithoutToken() {
		assertThat(this.headerAndSubprotocol.find(upgrade("/p", "demo.v1", "Sec-WebSocket-Protocol", "demo.v1")))
			.isNull();
	}

}
