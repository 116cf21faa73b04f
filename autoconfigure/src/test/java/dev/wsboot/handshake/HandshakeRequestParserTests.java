package dev.wsboot.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class HandshakeRequestParserTests {

	/** The client's opening handshake of RFC 6455 §1.3. */
	private static final String RFC_SAMPLE = head("GET /chat HTTP/1.1", "Host: server.example.com", "Upgrade: websocket",
			"Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Origin: http://example.com",
			"Sec-WebSocket-Protocol: chat, superchat", "Sec-WebSocket-Version: 13");

	/** A masked text frame "Hello", RFC 6455 §5.7. */
	private static final byte[] MASKED_HELLO = { (byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f,
			(byte) 0x9f, 0x4d, 0x51, 0x58 };

	private static final HandshakeLimits SMALL = new HandshakeLimits(64, 256, 4);

	@Nested
	class WellFormedRequests {

		@Test
		void readsTheRequestLineOfTheRfcSample() {
			HandshakeRequest request = parseWhole(RFC_SAMPLE);
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.target()).isEqualTo("/chat");
			assertThat(request.path()).isEqualTo("/chat");
			assertThat(request.query()).isNull();
			assertThat(request.httpVersion()).isEqualTo("HTTP/1.1");
		}

		@Test
		void readsTheHeadersOfTheRfcSampleInOrder() {
			assertThat(parseWhole(RFC_SAMPLE).headers()).isEqualTo(HttpHeaders.of("Host", "server.example.com",
					"Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
					"Origin", "http://example.com", "Sec-WebSocket-Protocol", "chat, superchat",
					"Sec-WebSocket-Version", "13"));
		}

		@Test
		void keepsRepeatedHeadersInOrder() {
			HandshakeRequest request = parseWhole(head("GET / HTTP/1.1", "X-Tag: a", "Host: h", "x-tag: b"));
			assertThat(request.headers().all("X-Tag")).containsExactly("a", "b");
		}

		@Test
		void findsHeadersIgnoringTheCaseOfTheirNames() {
			HandshakeRequest request = parseWhole(head("GET / HTTP/1.1", "sec-WEBSOCKET-key: k"));
			assertThat(request.header("Sec-WebSocket-Key")).isEqualTo("k");
		}

		@Test
		void findsUpgradeInAConnectionHeaderListingSeveralOptions() {
			HandshakeRequest request = parseWhole(head("GET / HTTP/1.1", "Connection: keep-alive, Upgrade"));
			assertThat(request.headers().containsToken("Connection", "upgrade")).isTrue();
		}

		@Test
		void trimsSpacesAndTabsAroundValuesButNotInside() {
			HandshakeRequest request = parseWhole(head("GET / HTTP/1.1", "X:  \t a \t b\t "));
			assertThat(request.header("X")).isEqualTo("a \t b");
		}

		@Test
		void readsAValueWithoutLeadingSpace() {
			assertThat(parseWhole(head("GET / HTTP/1.1", "X:a")).header("X")).isEqualTo("a");
		}

		@Test
		void readsAnEmptyValue() {
			assertThat(parseWhole(head("GET / HTTP/1.1", "X:", "Y:   ")).headers().asMap())
					.containsEntry("X", List.of("")).containsEntry("Y", List.of(""));
		}

		@Test
		void keepsColonsInsideTheValue() {
			assertThat(parseWhole(head("GET / HTTP/1.1", "Origin: http://example.com:8080")).header("Origin"))
					.isEqualTo("http://example.com:8080");
		}

		@Test
		void decodesBytesAbove127AsIso88591() {
			assertThat(parseWhole(head("GET / HTTP/1.1", "X-Name: caf\u00e9")).header("X-Name")).isEqualTo("caf\u00e9");
		}

		@Test
		void readsARequestWithoutHeaders() {
			assertThat(parseWhole("GET / HTTP/1.1\r\n\r\n").headers().size()).isZero();
		}

		@Test
		void acceptsBareLfLineEndings() {
			assertThat(parseWhole(RFC_SAMPLE.replace("\r\n", "\n"))).isEqualTo(parseWhole(RFC_SAMPLE));
		}

		@Test
		void acceptsMixedLineEndings() {
			String mixed = "GET /chat HTTP/1.1\nHost: server.example.com\r\nUpgrade: websocket\n\r\n";
			assertThat(parseWhole(mixed).headers().names()).containsExactly("Host", "Upgrade");
		}

		@Test
		void ignoresEmptyLinesBeforeTheRequestLine() {
			assertThat(parseWhole("\r\n\n" + RFC_SAMPLE)).isEqualTo(parseWhole(RFC_SAMPLE));
		}

		@ParameterizedTest
		@ValueSource(strings = { "POST / HTTP/1.1", "get / HTTP/1.1", "GET / HTTP/1.0", "GET / HTTP/2.0",
				"M-SEARCH / HTTP/1.1" })
		void leavesMethodAndVersionToTheHandler(String requestLine) {
			HandshakeRequest request = parseWhole(head(requestLine));
			assertThat(request.method() + " " + request.target() + " " + request.httpVersion()).isEqualTo(requestLine);
		}

		@Test
		void returnsReadOnlyHeaders() {
			HttpHeaders headers = parseWhole(RFC_SAMPLE).headers();
			assertThatThrownBy(() -> headers.add("X", "y")).isInstanceOf(UnsupportedOperationException.class);
		}

	}

	@Nested
	class RequestTargets {

		@ParameterizedTest(name = "{0} -> path {1}, query {2}")
		@CsvSource(nullValues = "null", value = {
				"/chat,                                 /chat,         null",
				"/chat?room=1,                          /chat,         room=1",
				"/chat?room=1&x=2,                      /chat,         room=1&x=2",
				"/chat?,                                /chat,         ''",
				"/?a?b,                                 /,             a?b",
				"/a%20b/c?x=%41,                        /a%20b/c,      x=%41",
				"//double,                              //double,      null",
				"http://example.com/chat?room=1,        /chat,         room=1",
				"https://example.com:8443/a/b,          /a/b,          null",
				"ws://user@example.com/ws,              /ws,           null",
				"http://example.com,                    /,             null",
				"http://example.com?x,                  /,             x",
				"HTTP://EXAMPLE.COM/Chat,               /Chat,         null" })
		void splitsTheTargetIntoPathAndQuery(String target, String path, @Nullable String query) {
			HandshakeRequest request = parseWhole(head("GET " + target + " HTTP/1.1", "Host: example.com"));
			assertThat(request.target()).isEqualTo(target);
			assertThat(request.path()).isEqualTo(path);
			assertThat(request.query()).isEqualTo(query);
		}

	}

	@Nested
	class IncrementalInput {

		@Test
		void returnsNullUntilTheBlankLineArrivesAndTakesEveryByteMeanwhile() {
			byte[] bytes = bytes(RFC_SAMPLE);
			HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
			ByteBuffer allButLast = ByteBuffer.wrap(bytes, 0, bytes.length - 1);
			assertThat(parser.parse(allButLast)).isNull();
			assertThat(allButLast.hasRemaining()).isFalse();
			assertThat(parser.parse(ByteBuffer.wrap(bytes, bytes.length - 1, 1))).isEqualTo(parseWhole(RFC_SAMPLE));
		}

		@Test
		void returnsNullForAnEmptyBuffer() {
			assertThat(new HandshakeRequestParser(HandshakeLimits.DEFAULTS).parse(ByteBuffer.allocate(0))).isNull();
		}

		@Test
		void givesTheSameRequestWhenFedOneByteAtATime() {
			HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
			byte[] bytes = bytes(RFC_SAMPLE);
			for (int i = 0; i < bytes.length - 1; i++) {
				assertThat(parser.parse(ByteBuffer.wrap(bytes, i, 1))).as("after byte %d", i).isNull();
			}
			assertThat(parser.parse(ByteBuffer.wrap(bytes, bytes.length - 1, 1))).isEqualTo(parseWhole(RFC_SAMPLE));
		}

		@Test
		void givesTheSameRequestHoweverTheInputIsSplitInTwo() {
			byte[] bytes = bytes(RFC_SAMPLE);
			HandshakeRequest whole = parseWhole(RFC_SAMPLE);
			for (int split = 0; split < bytes.length; split++) {
				HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
				assertThat(parser.parse(ByteBuffer.wrap(bytes, 0, split))).as("first %d bytes", split).isNull();
				assertThat(parser.parse(ByteBuffer.wrap(bytes, split, bytes.length - split))).isEqualTo(whole);
			}
		}

		@Test
		void leavesTheBytesAfterTheHeadInTheBuffer() {
			byte[] head = bytes(RFC_SAMPLE);
			ByteBuffer in = ByteBuffer.allocate(head.length + MASKED_HELLO.length).put(head).put(MASKED_HELLO).flip();
			assertThat(new HandshakeRequestParser(HandshakeLimits.DEFAULTS).parse(in)).isNotNull();
			assertThat(in.position()).isEqualTo(head.length);
			assertThat(remaining(in)).containsExactly(MASKED_HELLO);
		}

		@Test
		void leavesTheBytesAfterTheHeadWhenTheHeadArrivedInPieces() {
			byte[] head = bytes(RFC_SAMPLE);
			HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
			assertThat(parser.parse(ByteBuffer.wrap(head, 0, head.length - 3))).isNull();
			ByteBuffer in = ByteBuffer.allocate(3 + MASKED_HELLO.length)
					.put(head, head.length - 3, 3)
					.put(MASKED_HELLO)
					.flip();
			assertThat(parser.parse(in)).isNotNull();
			assertThat(remaining(in)).containsExactly(MASKED_HELLO);
		}

		@Test
		void leavesTheBytesAfterABareLfHead() {
			ByteBuffer in = ByteBuffer.wrap(bytes("GET / HTTP/1.1\nHost: h\n\nrest"));
			assertThat(new HandshakeRequestParser(HandshakeLimits.DEFAULTS).parse(in)).isNotNull();
			assertThat(remaining(in)).containsExactly(bytes("rest"));
		}

		@Test
		void readsFromTheBufferPositionOfADirectBuffer() {
			byte[] head = bytes(RFC_SAMPLE);
			ByteBuffer in = ByteBuffer.allocateDirect(5 + head.length).put(bytes("junk!")).put(head).flip().position(5);
			assertThat(new HandshakeRequestParser(HandshakeLimits.DEFAULTS).parse(in)).isEqualTo(parseWhole(RFC_SAMPLE));
			assertThat(in.hasRemaining()).isFalse();
		}

		@Test
		void hasStartedOnlyOnceAByteArrived() {
			HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
			assertThat(parser.hasStarted()).isFalse();
			parser.parse(ByteBuffer.allocate(0));
			assertThat(parser.hasStarted()).isFalse();
			parser.parse(ByteBuffer.wrap(bytes("G")));
			assertThat(parser.hasStarted()).isTrue();
		}

		@Test
		void refusesToParseASecondRequest() {
			HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
			parser.parse(ByteBuffer.wrap(bytes(RFC_SAMPLE)));
			assertThatIllegalStateException().isThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes(RFC_SAMPLE))));
		}

		@Test
		void refusesToContinueAfterARefusal() {
			HandshakeRequestParser parser = new HandshakeRequestParser(HandshakeLimits.DEFAULTS);
			ByteBuffer malformed = ByteBuffer.wrap(bytes("BAD\r\n"));
			assertThat(catchThrowableOfType(HandshakeException.class, () -> parser.parse(malformed))).isNotNull();
			assertThatIllegalStateException().isThrownBy(() -> parser.parse(ByteBuffer.wrap(bytes(RFC_SAMPLE))));
		}

	}

	@Nested
	class MalformedRequests {

		static Stream<Arguments> malformedHeads() {
			return Stream.of(
					arguments("request line without spaces", head("GET")),
					arguments("request line without version", head("GET /chat")),
					arguments("two spaces after the method", head("GET  /chat HTTP/1.1")),
					arguments("two spaces before the version", head("GET /chat  HTTP/1.1")),
					arguments("space after the version", head("GET /chat HTTP/1.1 ")),
					arguments("fourth part", head("GET /chat HTTP/1.1 extra")),
					arguments("tab as separator", head("GET\t/chat HTTP/1.1")),
					arguments("empty method", head(" /chat HTTP/1.1")),
					arguments("method not a token", head("GE(T /chat HTTP/1.1")),
					arguments("non-ASCII method", head("G\u00c9T /chat HTTP/1.1")),
					arguments("target not starting with a slash", head("GET chat HTTP/1.1")),
					arguments("asterisk-form target", head("OPTIONS * HTTP/1.1")),
					arguments("authority-form target", head("CONNECT example.com:443 HTTP/1.1")),
					arguments("absolute-form target with a bad scheme", head("GET 1http://example.com/ HTTP/1.1")),
					arguments("absolute-form target without host", head("GET http:///chat HTTP/1.1")),
					arguments("fragment in target", head("GET /chat#top HTTP/1.1")),
					arguments("non-ASCII target", head("GET /caf\u00e9 HTTP/1.1")),
					arguments("control character in target", head("GET /a\u0001b HTTP/1.1")),
					arguments("lower-case protocol name", head("GET /chat http/1.1")),
					arguments("version without minor", head("GET /chat HTTP/1")),
					arguments("two-digit minor version", head("GET /chat HTTP/1.11")),
					arguments("version with letters", head("GET /chat HTTP/x.y")),
					arguments("bare CR in the request line", "GET /chat\rHTTP/1.1\r\n\r\n"),
					arguments("header without colon", head("GET / HTTP/1.1", "Host example.com")),
					arguments("empty header name", head("GET / HTTP/1.1", ": value")),
					arguments("space before the colon", head("GET / HTTP/1.1", "Host : example.com")),
					arguments("tab before the colon", head("GET / HTTP/1.1", "Host\t: example.com")),
					arguments("space inside the name", head("GET / HTTP/1.1", "Sec WebSocket-Key: x")),
					arguments("separator in the name", head("GET / HTTP/1.1", "X(Y): z")),
					arguments("non-ASCII name", head("GET / HTTP/1.1", "H\u00f4st: example.com")),
					arguments("control character in the name", head("GET / HTTP/1.1", "Ho\u0001st: example.com")),
					arguments("DEL in the name", head("GET / HTTP/1.1", "Ho\u007fst: example.com")),
					arguments("obs-fold continuation line", head("GET / HTTP/1.1", "X: a", " b")),
					arguments("obs-fold with a tab", head("GET / HTTP/1.1", "X: a", "\tb")),
					arguments("whitespace before the first header", head("GET / HTTP/1.1", " Host: example.com")),
					arguments("control character in a value", head("GET / HTTP/1.1", "X: a\u0001b")),
					arguments("NUL in a value", head("GET / HTTP/1.1", "X: a\u0000b")),
					arguments("DEL in a value", head("GET / HTTP/1.1", "X: a\u007fb")),
					arguments("bare CR in a value", head("GET / HTTP/1.1", "X: a\rb")),
					arguments("CR followed by CR", "GET / HTTP/1.1\r\r\n\r\n"));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("malformedHeads")
		void isRefusedWithBadRequest(String description, String head) {
			HandshakeException refusal = refusal(HandshakeLimits.DEFAULTS, head);
			assertThat(refusal).as(description).isNotNull();
			assertThat(refusal.status()).isEqualTo(400);
			assertThat(refusal.getMessage()).isNotBlank();
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("malformedHeads")
		void isRefusedWithBadRequestWhenFedOneByteAtATime(String description, String head) {
			assertThat(streamForever(HandshakeLimits.DEFAULTS, head, "\r\n").status()).isEqualTo(400);
		}

	}

	@Nested
	class Limits {

		@Test
		void acceptsARequestLineOfExactlyTheLimit() {
			String line = requestLineOfLength(SMALL.maxRequestLineLength());
			assertThat(parseWhole(SMALL, head(line)).target()).hasSize(SMALL.maxRequestLineLength() - 13);
		}

		@Test
		void acceptsARequestLineOfExactlyTheLimitEndedByABareLf() {
			assertThat(parseWhole(SMALL, requestLineOfLength(SMALL.maxRequestLineLength()) + "\n\n")).isNotNull();
		}

		@Test
		void refusesARequestLineOneByteLongerWithUriTooLong() {
			String line = requestLineOfLength(SMALL.maxRequestLineLength() + 1);
			assertThat(refusal(SMALL, head(line)).status()).isEqualTo(414);
		}

		@Test
		void refusesAnEndlessRequestLineAsSoonAsItPassesTheLimit() {
			ByteBuffer in = ByteBuffer.wrap(bytes("GET /" + "a".repeat(1_000_000)));
			HandshakeException refusal = catchThrowableOfType(HandshakeException.class,
					() -> new HandshakeRequestParser(SMALL).parse(in));
			assertThat(refusal.status()).isEqualTo(414);
			assertThat(in.position()).isEqualTo(SMALL.maxRequestLineLength() + 1);
		}

		@Test
		void refusesAnEndlessRequestLineFedOneByteAtATimeAsSoonAsItPassesTheLimit() {
			Refusal refusal = streamForever(SMALL, "GET /", "a");
			assertThat(refusal.status()).isEqualTo(414);
			assertThat(refusal.bytesTaken()).isEqualTo(SMALL.maxRequestLineLength() + 1);
		}

		@Test
		void appliesTheDefaultRequestLineLimitOf8192Bytes() {
			assertThat(parseWhole(HandshakeLimits.DEFAULTS, head(requestLineOfLength(8192)))).isNotNull();
			assertThat(refusal(HandshakeLimits.DEFAULTS, head(requestLineOfLength(8193))).status()).isEqualTo(414);
		}

		@Test
		void acceptsExactlyTheMaximumNumberOfHeaders() {
			assertThat(parseWhole(SMALL, head("GET / HTTP/1.1", "A: 1", "B: 2", "C: 3", "D: 4")).headers().size())
					.isEqualTo(SMALL.maxHeaderCount());
		}

		@Test
		void refusesOneHeaderMoreWithRequestHeaderFieldsTooLarge() {
			HandshakeException refusal = refusal(SMALL, head("GET / HTTP/1.1", "A: 1", "B: 2", "C: 3", "D: 4", "E: 5"));
			assertThat(refusal.status()).isEqualTo(431);
		}

		@Test
		void refusesEndlessHeadersAtTheFirstByteOfTheHeaderTooMany() {
			String requestLine = "GET / HTTP/1.1\r\n";
			String header = "A: 1\r\n";
			Refusal refusal = streamForever(SMALL, requestLine, header);
			assertThat(refusal.status()).isEqualTo(431);
			assertThat(refusal.bytesTaken()).isEqualTo(requestLine.length() + SMALL.maxHeaderCount() * header.length() + 1);
		}

		@Test
		void acceptsAHeadOfExactlyTheMaximumSize() {
			String head = headOfSize(SMALL.maxHeaderBlockSize());
			assertThat(bytes(head)).hasSize(SMALL.maxHeaderBlockSize());
			assertThat(parseWhole(SMALL, head)).isNotNull();
		}

		@Test
		void refusesAHeadOneByteLargerWithRequestHeaderFieldsTooLarge() {
			assertThat(refusal(SMALL, headOfSize(SMALL.maxHeaderBlockSize() + 1)).status()).isEqualTo(431);
		}

		@Test
		void refusesAnEndlessHeaderValueFedOneByteAtATimeAsSoonAsTheHeadPassesTheLimit() {
			Refusal refusal = streamForever(SMALL, "GET / HTTP/1.1\r\nCookie: ", "x");
			assertThat(refusal.status()).isEqualTo(431);
			assertThat(refusal.bytesTaken()).isEqualTo(SMALL.maxHeaderBlockSize() + 1);
		}

		@Test
		void refusesEndlessEmptyLinesBeforeTheRequestLine() {
			Refusal refusal = streamForever(SMALL, "", "\r\n");
			assertThat(refusal.status()).isEqualTo(431);
			assertThat(refusal.bytesTaken()).isEqualTo(SMALL.maxHeaderBlockSize() + 1);
		}

		@Test
		void acceptsATypicalBrowserRequestWithTheDefaults() {
			String browser = head("GET /ws?token=abc HTTP/1.1", "Host: localhost:8081", "Connection: Upgrade",
					"Pragma: no-cache", "Cache-Control: no-cache",
					"User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
					"Upgrade: websocket", "Origin: http://localhost:8080", "Sec-WebSocket-Version: 13",
					"Accept-Encoding: gzip, deflate, br", "Accept-Language: en-US,en;q=0.9",
					"Cookie: " + "session=" + "x".repeat(4000), "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
					"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");
			assertThat(parseWhole(HandshakeLimits.DEFAULTS, browser).headers().size()).isEqualTo(13);
		}

		/** {@code GET /aaa… HTTP/1.1} of {@code length} bytes. */
		private static String requestLineOfLength(int length) {
			return "GET /" + "a".repeat(length - "GET / HTTP/1.1".length()) + " HTTP/1.1";
		}

		/** A request head of {@code size} bytes, line endings and blank line included. */
		private static String headOfSize(int size) {
			String prefix = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
			String suffix = "\r\n\r\n";
			return prefix + "p".repeat(size - prefix.length() - suffix.length()) + suffix;
		}

	}

	/** The head of a request: the lines, each ended by CRLF, and a blank line. */
	static String head(String... lines) {
		return String.join("\r\n", lines) + "\r\n\r\n";
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static HandshakeRequest parseWhole(String head) {
		return parseWhole(HandshakeLimits.DEFAULTS, head);
	}

	private static HandshakeRequest parseWhole(HandshakeLimits limits, String head) {
		ByteBuffer in = ByteBuffer.wrap(bytes(head));
		HandshakeRequest request = new HandshakeRequestParser(limits).parse(in);
		assertThat(request).as("request parsed from %s", head).isNotNull();
		assertThat(in.hasRemaining()).isFalse();
		return request;
	}

	private static HandshakeException refusal(HandshakeLimits limits, String head) {
		HandshakeException refusal = catchThrowableOfType(HandshakeException.class,
				() -> new HandshakeRequestParser(limits).parse(ByteBuffer.wrap(bytes(head))));
		assertThat(refusal).as("refusal of %s", head).isNotNull();
		return refusal;
	}

	/**
	 * Feeds {@code prefix} and then {@code repeated} over and over, one byte per call, until
	 * the parser refuses.
	 */
	private static Refusal streamForever(HandshakeLimits limits, String prefix, String repeated) {
		HandshakeRequestParser parser = new HandshakeRequestParser(limits);
		byte[] start = bytes(prefix);
		byte[] cycle = bytes(repeated);
		ByteBuffer one = ByteBuffer.allocate(1);
		for (int taken = 0; taken < 10_000_000; taken++) {
			byte b = (taken < start.length) ? start[taken] : cycle[(taken - start.length) % cycle.length];
			one.clear().put(b).flip();
			try {
				assertThat(parser.parse(one)).as("request after %d bytes", taken + 1).isNull();
			}
			catch (HandshakeException ex) {
				return new Refusal(ex.status(), taken + 1);
			}
		}
		return fail("The parser took 10 MB without refusing");
	}

	private static byte[] remaining(ByteBuffer in) {
		byte[] bytes = new byte[in.remaining()];
		in.get(bytes);
		return bytes;
	}

	private record Refusal(int status, int bytesTaken) {
	}

}
