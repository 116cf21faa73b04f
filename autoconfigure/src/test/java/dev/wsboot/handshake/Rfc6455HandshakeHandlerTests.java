package dev.wsboot.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class Rfc6455HandshakeHandlerTests {

	private static final UpgradeTarget CHAT = new UpgradeTarget("/chat", List.of());

	/** The RFC's sample request comes from a page of example.com, another host than the server's. */
	private final HandshakeHandler handler = new Rfc6455HandshakeHandler(List.of("http://example.com"));

	@Nested
	class Acceptance {

		@Test
		void acceptsTheRfcSampleRequest() {
			HandshakeResponse response = handler.handshake(sample().build(), CHAT);
			assertThat(response.isAccepted()).isTrue();
			assertThat(response.headers()).isEqualTo(HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade",
					"Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
		}

		@Test
		void answersTheRfcSampleBytesWithTheRfcSampleBytes() {
			byte[] request = HandshakeRequestParserTests.bytes(HandshakeRequestParserTests.head("GET /chat HTTP/1.1",
					"Host: server.example.com", "Upgrade: websocket", "Connection: Upgrade",
					"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Origin: http://example.com",
					"Sec-WebSocket-Protocol: chat, superchat", "Sec-WebSocket-Version: 13"));
			HandshakeRequest parsed = new HandshakeRequestParser(HandshakeLimits.DEFAULTS).parse(ByteBuffer.wrap(request));
			HandshakeResponse response = handler.handshake(parsed, new UpgradeTarget("/chat", List.of("chat")));
			assertThat(new String(response.toBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("""
					HTTP/1.1 101 Switching Protocols\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
					Sec-WebSocket-Protocol: chat\r
					\r
					""");
		}

		@ParameterizedTest(name = "Connection: {0}")
		@ValueSource(strings = { "Upgrade", "upgrade", "UPGRADE", "keep-alive, Upgrade", "Upgrade, keep-alive" })
		void acceptsAnyConnectionHeaderListingUpgrade(String connection) {
			assertThat(status(sample().with("Connection", connection))).isEqualTo(101);
		}

		@ParameterizedTest(name = "Upgrade: {0}")
		@ValueSource(strings = { "websocket", "WebSocket", "WEBSOCKET", "h2c, websocket" })
		void acceptsAnyUpgradeHeaderListingWebsocket(String upgrade) {
			assertThat(status(sample().with("Upgrade", upgrade))).isEqualTo(101);
		}

		@ParameterizedTest
		@ValueSource(strings = { "HTTP/1.1", "HTTP/1.2", "HTTP/2.0", "HTTP/3.0" })
		void acceptsHttp11AndLater(String version) {
			assertThat(status(sample().version(version))).isEqualTo(101);
		}

	}

	@Nested
	class Method {

		@ParameterizedTest
		@ValueSource(strings = { "POST", "HEAD", "PUT", "OPTIONS", "get" })
		void refusesAnyMethodButGetWith405AllowingGet(String method) {
			HandshakeResponse response = handle(sample().method(method));
			assertThat(response.status()).isEqualTo(405);
			assertThat(response.headers().all("Allow")).containsExactly("GET");
		}

	}

	@Nested
	class Version {

		@ParameterizedTest
		@ValueSource(strings = { "HTTP/1.0", "HTTP/0.9", "HTTP/1", "HTTP/1.10", "HTTP/x.y", "http/1.1", "" })
		void refusesAnythingBeforeHttp11With400(String version) {
			assertThat(status(sample().version(version))).isEqualTo(400);
		}

	}

	@Nested
	class Host {

		@Test
		void refusesARequestWithoutHostWith400() {
			assertThat(status(sample().without("Host"))).isEqualTo(400);
		}

		@Test
		void refusesARequestWithTwoHostsWith400() {
			assertThat(status(sample().plus("Host", "other.example.com"))).isEqualTo(400);
		}

		@ParameterizedTest(name = "Host: ''{0}''")
		@ValueSource(strings = { "", ":8081", "server.example.com:port", "server.example.com:65536",
				"server.example.com:8081:1", "[::1", "[::1]8081", "::1", "[zz::1]", "[]", "user@server.example.com",
				"server.example.com/chat", "server example.com", "caf\u00e9.example", "%zz.example" })
		void refusesAnEmptyOrMalformedHostWith400(String host) {
			assertThat(status(sample().with("Host", host))).isEqualTo(400);
		}

		@ParameterizedTest(name = "Host: {0}")
		@ValueSource(strings = { "server.example.com", "server.example.com:8081", "SERVER.example.com:", "127.0.0.1:8081",
				"[::1]:8081", "[2001:DB8::1]", "[::ffff:127.0.0.1]", "xn--bcher-kva.example", "a%41.example" })
		void acceptsAHostWithOrWithoutPort(String host) {
			assertThat(status(sample().with("Host", host))).isEqualTo(101);
		}

	}

	@Nested
	class Endpoint {

		@Test
		void refusesAPathWithoutEndpointWith404NamingThePath() {
			HandshakeResponse response = handler.handshake(sample().build(), null);
			assertThat(response.status()).isEqualTo(404);
			assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("No WebSocket endpoint at /chat\n");
			assertThat(response.headers().first("X-Content-Type-Options")).isEqualTo("nosniff");
		}

	}

	@Nested
	class PlainHttp {

		@Test
		void answersABrowserOpeningTheUrlWith426AndAnExplanation() {
			HandshakeRequest browser = new HandshakeRequest("GET", "/chat", "/chat", null, "HTTP/1.1",
					HttpHeaders.of("Host", "server.example.com", "Accept", "text/html"));
			HandshakeResponse response = handler.handshake(browser, CHAT);
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.headers().all("Upgrade")).containsExactly("websocket");
			assertThat(response.headers().containsToken("Connection", "upgrade")).isTrue();
			assertThat(new String(response.body(), StandardCharsets.UTF_8))
					.isEqualTo("This is a WebSocket endpoint; connect with a WebSocket client (RFC 6455).\n");
		}

	}

	@Nested
	class UpgradeAndConnection {

		@ParameterizedTest(name = "Upgrade: ''{0}''")
		@ValueSource(strings = { "h2c", "websockets", "", "web socket" })
		void refusesAnUpgradeHeaderNotNamingWebsocketWith400(String upgrade) {
			assertThat(status(sample().with("Upgrade", upgrade))).isEqualTo(400);
		}

		@Test
		void refusesAKeyWithoutUpgradeHeaderWith400() {
			assertThat(status(sample().without("Upgrade"))).isEqualTo(400);
		}

		@Test
		void refusesARequestWithoutConnectionHeaderWith400() {
			assertThat(status(sample().without("Connection"))).isEqualTo(400);
		}

		@ParameterizedTest(name = "Connection: ''{0}''")
		@ValueSource(strings = { "keep-alive", "close", "", "Upgraded" })
		void refusesAConnectionHeaderNotListingUpgradeWith400(String connection) {
			assertThat(status(sample().with("Connection", connection))).isEqualTo(400);
		}

	}

	@Nested
	class WebSocketVersion {

		@ParameterizedTest(name = "Sec-WebSocket-Version: ''{0}''")
		@ValueSource(strings = { "8", "12", "14", "13, 8", "013", "" })
		void answersAnotherVersionWith426Naming13(String version) {
			assertUpgradeRequiredNaming13(handle(sample().with("Sec-WebSocket-Version", version)));
		}

		@Test
		void answersAMissingVersionWith426Naming13() {
			assertUpgradeRequiredNaming13(handle(sample().without("Sec-WebSocket-Version")));
		}

		@Test
		void answersARepeatedVersionWith426Naming13() {
			assertUpgradeRequiredNaming13(handle(sample().plus("Sec-WebSocket-Version", "13")));
		}

		private void assertUpgradeRequiredNaming13(HandshakeResponse response) {
			assertThat(response.status()).isEqualTo(426);
			assertThat(response.headers().all("Sec-WebSocket-Version")).containsExactly("13");
			assertThat(response.headers().all("Upgrade")).containsExactly("websocket");
		}

	}

	@Nested
	class Key {

		@ParameterizedTest(name = "Sec-WebSocket-Key: ''{0}''")
		@ValueSource(strings = { "", "dGhlIHNhbXBsZSBub25jZQ", "AAAAAAAAAAAAAAAAAAAAAAA=", "not base64 at all!!!!!!!" })
		void refusesAKeyThatIsNotSixteenBytesInBase64With400(String key) {
			assertThat(status(sample().with("Sec-WebSocket-Key", key))).isEqualTo(400);
		}

		@Test
		void refusesARequestWithoutKeyWith400() {
			assertThat(status(sample().without("Sec-WebSocket-Key"))).isEqualTo(400);
		}

		@Test
		void refusesTwoKeysWith400() {
			assertThat(status(sample().plus("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA=="))).isEqualTo(400);
		}

	}

	@Nested
	class Origins {

		private final HandshakeHandler sameHost = new Rfc6455HandshakeHandler();

		private final HandshakeHandler listed = new Rfc6455HandshakeHandler(List.of("https://app.example.com",
				"http://localhost:8080", "HTTPS://Static.Example.COM:443/", "http://*.apps.example.com"));

		@ParameterizedTest(name = "Host: {0}, Origin: {1}")
		@CsvSource({ "localhost:8081, http://localhost:8080", "localhost:8081, https://localhost",
				"LOCALHOST:8081, http://localhost:8080", "server.example.com, https://Server.Example.com:8443",
				"127.0.0.1:8081, http://127.0.0.1:8080", "[::1]:8081, http://[::1]:8080", "[::1], http://[::1]",
				"'[2001:db8::1]:8081', 'http://[2001:DB8::1]'" })
		void acceptsAPageOfTheSameHostOnAnyPortByDefault(String host, String origin) {
			assertThat(sameHost.handshake(sample().with("Host", host).with("Origin", origin).build(), CHAT).status())
					.isEqualTo(101);
		}

		@ParameterizedTest(name = "Host: {0}, Origin: {1}")
		@CsvSource({ "localhost:8081, http://evil.example", "localhost:8081, http://127.0.0.1:8080",
				"server.example.com, http://example.com", "server.example.com, https://evil.server.example.com",
				"server.example.com, https://server.example.com.evil.example", "[::1]:8081, http://[::2]:8080",
				"[::1]:8081, http://localhost:8080", "localhost:8081, http://localhost:8080/chat",
				"localhost:8081, http://user@localhost:8080", "localhost:8081, localhost:8080",
				"localhost:8081, ''", "localhost:8081, http://", "localhost:8081, http:///", "localhost:8081, ://localhost" })
		void refusesAnyOtherPageWith403ByDefault(String host, String origin) {
			assertThat(sameHost.handshake(sample().with("Host", host).with("Origin", origin).build(), CHAT).status())
					.isEqualTo(403);
		}

		@Test
		void acceptsAClientSendingNoOrigin() {
			assertThat(sameHost.handshake(sample().without("Origin").build(), CHAT).status()).isEqualTo(101);
			assertThat(listed.handshake(sample().without("Origin").build(), CHAT).status()).isEqualTo(101);
		}

		@Test
		void refusesTheNullOriginOfSandboxedPagesWith403() {
			HandshakeRequest request = sample().with("Origin", "null").build();
			assertThat(sameHost.handshake(request, CHAT).status()).isEqualTo(403);
			assertThat(listed.handshake(request, CHAT).status()).isEqualTo(403);
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://app.example.com", "HTTPS://APP.EXAMPLE.COM", "https://app.example.com/",
				"https://app.example.com:443", "http://localhost:8080", "http://LocalHost:8080/",
				"https://static.example.com", "https://static.example.com:443" })
		void acceptsAListedOriginComparedAfterNormalization(String origin) {
			assertThat(listed.handshake(sample().with("Origin", origin).build(), CHAT).status()).isEqualTo(101);
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://evil.example", "http://app.example.com", "https://app.example.com:8443",
				"http://localhost", "http://localhost:8081", "https://app.example.com.evil.example",
				"https://app.example.com/chat", "https://user@app.example.com", "app.example.com" })
		void refusesAnOriginThatIsNotListedWith403(String origin) {
			assertThat(listed.handshake(sample().with("Origin", origin).build(), CHAT).status()).isEqualTo(403);
		}

		@ParameterizedTest
		@ValueSource(strings = { "http://chat.apps.example.com", "http://a.b.apps.example.com",
				"http://CHAT.apps.example.com:80" })
		void acceptsASubdomainOfAWildcardEntry(String origin) {
			assertThat(listed.handshake(sample().with("Origin", origin).build(), CHAT).status()).isEqualTo(101);
		}

		@ParameterizedTest
		@ValueSource(strings = { "http://apps.example.com", "https://chat.apps.example.com",
				"http://chat.apps.example.com:8080", "http://evilapps.example.com", "http://apps.example.com.evil" })
		void refusesWhatAWildcardEntryDoesNotCoverWith403(String origin) {
			assertThat(listed.handshake(sample().with("Origin", origin).build(), CHAT).status()).isEqualTo(403);
		}

		@Test
		void refusesASecondOriginThatIsNotAllowed() {
			HandshakeRequest request = sample().with("Origin", "https://app.example.com")
					.plus("Origin", "https://evil.example").build();
			assertThat(listed.handshake(request, CHAT).status()).isEqualTo(403);
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://evil.example", "null", "http://[::1]:1" })
		void acceptsAnyOriginWhenTheListHasAStar(String origin) {
			Rfc6455HandshakeHandler anyOrigin = new Rfc6455HandshakeHandler(List.of("https://app.example.com", "*"));
			assertThat(anyOrigin.allowsAnyOrigin()).isTrue();
			assertThat(anyOrigin.handshake(sample().with("Origin", origin).build(), CHAT).status()).isEqualTo(101);
		}

		@ParameterizedTest
		@ValueSource(strings = { "https://evil.example", "null" })
		void acceptsAnyOriginWhenMadeToAllowAnyOrigin(String origin) {
			Rfc6455HandshakeHandler anyOrigin = Rfc6455HandshakeHandler.allowingAnyOrigin();
			assertThat(anyOrigin.allowsAnyOrigin()).isTrue();
			assertThat(anyOrigin.handshake(sample().with("Origin", origin).build(), CHAT).status()).isEqualTo(101);
		}

		@Test
		void allowsOnlyTheSameHostUnlessAStarIsListed() {
			assertThat(new Rfc6455HandshakeHandler().allowsAnyOrigin()).isFalse();
			assertThat(new Rfc6455HandshakeHandler(List.of()).allowsAnyOrigin()).isFalse();
			assertThat(new Rfc6455HandshakeHandler(List.of("https://app.example.com")).allowsAnyOrigin()).isFalse();
		}

		@ParameterizedTest(name = "''{0}''")
		@ValueSource(strings = { "null", "NULL", " null " })
		void refusesANullEntrySayingWhy(String entry) {
			assertThatIllegalArgumentException().isThrownBy(() -> new Rfc6455HandshakeHandler(List.of(entry)))
					.withMessageContaining("sandboxed");
		}

		@ParameterizedTest(name = "''{0}''")
		@ValueSource(strings = { "", "app.example.com", "https://app.example.com/chat", "https://user@app.example.com",
				"https://", "https://*", "https://*.", "https://ex*mple.com", "https://*.*.example.com",
				"*://app.example.com", "https://*.[::1]", "https://b\u00fccher.example", "https://app.example.com:99999",
				"https://app.example.com?x" })
		void refusesAnEntryThatIsNotAnOrigin(String entry) {
			assertThatIllegalArgumentException().isThrownBy(() -> new Rfc6455HandshakeHandler(List.of(entry)))
					.withMessageContaining("is not an allowed origin");
		}

	}

	@Nested
	class Subprotocols {

		@Test
		void selectsTheServersFavouriteAmongThoseOffered() {
			HandshakeResponse response = handshake(List.of("superchat", "chat"), "chat, superchat");
			assertThat(response.subprotocol()).isEqualTo("superchat");
			assertThat(response.headers().all("Sec-WebSocket-Protocol")).containsExactly("superchat");
		}

		@Test
		void readsOffersSpreadOverSeveralHeaders() {
			HandshakeRequest request = sample().with("Sec-WebSocket-Protocol", "v1.mqtt")
					.plus("Sec-WebSocket-Protocol", "chat").build();
			assertThat(handler.handshake(request, new UpgradeTarget("/chat", List.of("chat"))).subprotocol())
					.isEqualTo("chat");
		}

		@Test
		void acceptsWithoutSubprotocolWhenNoneMatches() {
			HandshakeResponse response = handshake(List.of("mqtt"), "chat, superchat");
			assertThat(response.isAccepted()).isTrue();
			assertThat(response.subprotocol()).isNull();
			assertThat(response.headers().contains("Sec-WebSocket-Protocol")).isFalse();
		}

		@Test
		void comparesNamesExactlySinceTheClientChecksTheEcho() {
			assertThat(handshake(List.of("Chat"), "chat").subprotocol()).isNull();
		}

		@Test
		void selectsNoneWhenTheClientOffersNone() {
			HandshakeRequest request = sample().without("Sec-WebSocket-Protocol").build();
			assertThat(handler.handshake(request, new UpgradeTarget("/chat", List.of("chat"))).subprotocol()).isNull();
		}

		@Test
		void selectsNoneWhenTheEndpointSpeaksNone() {
			assertThat(handshake(List.of(), "chat").subprotocol()).isNull();
		}

		private HandshakeResponse handshake(List<String> supported, String offered) {
			HandshakeRequest request = sample().with("Sec-WebSocket-Protocol", offered).build();
			return handler.handshake(request, new UpgradeTarget("/chat", supported));
		}

	}

	@Nested
	class CheckOrder {

		static Stream<Arguments> requestsFailingTwoChecks() {
			return Stream.of(
					arguments("method before version", edit(s -> s.method("POST").version("HTTP/1.0")), 405),
					arguments("version before Host", edit(s -> s.version("HTTP/1.0").without("Host")), 400),
					arguments("Host before endpoint", edit(s -> s.without("Host").noTarget()), 400),
					arguments("endpoint before plain HTTP", edit(s -> s.plainHttp().noTarget()), 404),
					arguments("Connection before version",
							edit(s -> s.without("Connection").without("Sec-WebSocket-Version")), 400),
					arguments("version before key",
							edit(s -> s.with("Sec-WebSocket-Version", "8").without("Sec-WebSocket-Key")), 426),
					arguments("key before origin",
							edit(s -> s.without("Sec-WebSocket-Key").with("Origin", "https://evil.example")), 400));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("requestsFailingTwoChecks")
		void answersTheFirstFailedCheck(String description, Sample sample, int status) {
			HandshakeHandler restricted = new Rfc6455HandshakeHandler(List.of("https://app.example.com"));
			assertThat(restricted.handshake(sample.build(), sample.target).status()).isEqualTo(status);
		}

		private static Sample edit(UnaryOperator<Sample> edit) {
			return edit.apply(sample());
		}

	}

	private int status(Sample sample) {
		return handle(sample).status();
	}

	private HandshakeResponse handle(Sample sample) {
		return this.handler.handshake(sample.build(), CHAT);
	}

	private static Sample sample() {
		return new Sample();
	}

	/** The client's opening handshake of RFC 6455 §1.3, to change one part at a time. */
	static final class Sample {

		private String method = "GET";

		private String version = "HTTP/1.1";

		private @Nullable UpgradeTarget target = CHAT;

		private final List<String[]> headers = new ArrayList<>(List.of(new String[] { "Host", "server.example.com" },
				new String[] { "Upgrade", "websocket" }, new String[] { "Connection", "Upgrade" },
				new String[] { "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==" },
				new String[] { "Origin", "http://example.com" },
				new String[] { "Sec-WebSocket-Protocol", "chat, superchat" },
				new String[] { "Sec-WebSocket-Version", "13" }));

		Sample method(String method) {
			this.method = method;
			return this;
		}

		Sample version(String version) {
			this.version = version;
			return this;
		}

		Sample noTarget() {
			this.target = null;
			return this;
		}

		Sample without(String name) {
			this.headers.removeIf(field -> field[0].equalsIgnoreCase(name));
			return this;
		}

		Sample with(String name, String value) {
			return without(name).plus(name, value);
		}

		Sample plus(String name, String value) {
			this.headers.add(new String[] { name, value });
			return this;
		}

		/** Leaves only what a browser opening the URL would send. */
		Sample plainHttp() {
			this.headers.removeIf(field -> !field[0].equals("Host"));
			return this;
		}

		HandshakeRequest build() {
			HttpHeaders fields = new HttpHeaders();
			this.headers.forEach(field -> fields.add(field[0], field[1]));
			return new HandshakeRequest(this.method, "/chat", "/chat", null, this.version, fields);
		}

		@Override
		public String toString() {
			return this.method + " " + this.version;
		}

	}

}
