package dev.wsboot.handshake;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeResponseTests {

	@Nested
	class Acceptance {

		@Test
		void rendersTheExactBytesOfTheRfcSampleAnswer() {
			HandshakeResponse response = HandshakeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==", null);
			assertThat(text(response.toBytes())).isEqualTo("""
					HTTP/1.1 101 Switching Protocols\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
					\r
					""");
		}

		@Test
		void namesTheSelectedSubprotocolLast() {
			HandshakeResponse response = HandshakeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==", "chat");
			assertThat(text(response.toBytes())).isEqualTo("""
					HTTP/1.1 101 Switching Protocols\r
					Upgrade: websocket\r
					Connection: Upgrade\r
					Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
					Sec-WebSocket-Protocol: chat\r
					\r
					""");
			assertThat(response.subprotocol()).isEqualTo("chat");
		}

		@Test
		void isAcceptedWithoutBodyOrSubprotocol() {
			HandshakeResponse response = HandshakeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==", null);
			assertThat(response.isAccepted()).isTrue();
			assertThat(response.status()).isEqualTo(101);
			assertThat(response.reason()).isEqualTo("Switching Protocols");
			assertThat(response.body()).isEmpty();
			assertThat(response.subprotocol()).isNull();
			assertThat(response.headers().contains("Sec-WebSocket-Protocol")).isFalse();
		}

		@Test
		void rejectsASubprotocolThatIsNotAToken() {
			assertThatIllegalArgumentException()
					.isThrownBy(() -> HandshakeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==", "chat\r\nX-Evil: 1"));
		}

	}

	@Nested
	class Refusal {

		@Test
		void rendersTheExactBytesOfABadRequest() {
			HandshakeResponse response = HandshakeResponse.reject(400, "Missing Host header");
			assertThat(text(response.toBytes())).isEqualTo("""
					HTTP/1.1 400 Bad Request\r
					Content-Type: text/plain; charset=utf-8\r
					X-Content-Type-Options: nosniff\r
					Content-Length: 20\r
					Connection: close\r
					\r
					Missing Host header
					""");
		}

		@ParameterizedTest
		@ValueSource(ints = { 400, 403, 404, 426, 503 })
		void forbidsBrowsersToSniffTheBodyIntoAnotherType(int status) {
			HandshakeResponse response = HandshakeResponse.reject(status, "No WebSocket endpoint at /<script>");
			assertThat(response.headers().all("X-Content-Type-Options")).containsExactly("nosniff");
		}

		@Test
		void isNotAccepted() {
			HandshakeResponse response = HandshakeResponse.reject(403, "Origin not allowed");
			assertThat(response.isAccepted()).isFalse();
			assertThat(response.subprotocol()).isNull();
		}

		@Test
		void countsTheBodyInUtf8Bytes() {
			HandshakeResponse response = HandshakeResponse.reject(400, "caf\u00e9");
			assertThat(response.body()).containsExactly(0x63, 0x61, 0x66, 0xc3, 0xa9, 0x0a);
			assertThat(response.headers().first("Content-Length")).isEqualTo("6");
		}

		@ParameterizedTest(name = "{0} {1}")
		@CsvSource({ "400, Bad Request", "401, Unauthorized", "403, Forbidden", "404, Not Found",
				"405, Method Not Allowed", "414, URI Too Long", "426, Upgrade Required", "429, Too Many Requests",
				"431, Request Header Fields Too Large", "500, Internal Server Error", "503, Service Unavailable" })
		void carriesTheStandardReasonPhrase(int status, String reason) {
			HandshakeResponse response = HandshakeResponse.reject(status, "No");
			assertThat(response.reason()).isEqualTo(reason);
			assertThat(text(response.toBytes())).startsWith("HTTP/1.1 " + status + " " + reason + "\r\n");
		}

		@Test
		void leavesTheReasonPhraseOfAnUnusualStatusEmpty() {
			assertThat(text(HandshakeResponse.reject(499, "No").toBytes())).startsWith("HTTP/1.1 499 \r\n");
		}

		@ParameterizedTest
		@ValueSource(ints = { 100, 101, 199, 600, 0, -400 })
		void rejectsAStatusThatIsNotAFinalOne(int status) {
			assertThatIllegalArgumentException().isThrownBy(() -> HandshakeResponse.reject(status, "No"));
		}

	}

	@Nested
	class ExtraHeaders {

		@Test
		void addsAHeaderAfterTheOthersToACopy() {
			HandshakeResponse original = HandshakeResponse.reject(405, "Use GET");
			HandshakeResponse withAllow = original.withHeader("Allow", "GET");
			assertThat(withAllow.headers().names())
					.containsExactly("Content-Type", "X-Content-Type-Options", "Content-Length", "Connection", "Allow");
			assertThat(original.headers().contains("Allow")).isFalse();
			assertThat(withAllow.status()).isEqualTo(405);
			assertThat(withAllow.body()).isEqualTo(original.body());
		}

		@Test
		void keepsTheSubprotocolOfAnAcceptance() {
			HandshakeResponse response = HandshakeResponse.accept("dGhlIHNhbXBsZSBub25jZQ==", "chat")
					.withHeader("Set-Cookie", "id=1");
			assertThat(response.subprotocol()).isEqualTo("chat");
			assertThat(text(response.toBytes())).endsWith("Sec-WebSocket-Protocol: chat\r\nSet-Cookie: id=1\r\n\r\n");
		}

		@Test
		void refusesAValueThatWouldInjectAnotherHeader() {
			assertThatIllegalArgumentException()
					.isThrownBy(() -> HandshakeResponse.reject(400, "No").withHeader("Retry-After", "1\r\nX-Evil: 1"));
		}

		@Test
		void refusesAValueWhoseCharactersWouldBeCutToCrAndLf() {
			assertThatIllegalArgumentException()
					.isThrownBy(() -> HandshakeResponse.reject(401, "x").withHeader("X-A", "\u010D\u010AB: c"));
		}

		@Test
		void writesALatin1ValueAsItsOctets() {
			HandshakeResponse response = HandshakeResponse.reject(401, "x").withHeader("X-A", "caf\u00e9");
			assertThat(text(response.toBytes())).contains("\r\nX-A: caf\u00e9\r\n");
		}

		@Test
		void hasReadOnlyHeaders() {
			assertThatThrownBy(() -> HandshakeResponse.reject(400, "No").headers().add("X", "y"))
					.isInstanceOf(UnsupportedOperationException.class);
		}

		@Test
		void handsOutACopyOfTheBody() {
			HandshakeResponse response = HandshakeResponse.reject(400, "No");
			response.body()[0] = 'Y';
			assertThat(text(response.body())).isEqualTo("No\n");
		}

	}

	@Test
	void equalsAResponseWithTheSameStatusHeadersAndBody() {
		assertThat(HandshakeResponse.reject(400, "No").withHeader("A", "1"))
				.isEqualTo(HandshakeResponse.reject(400, "No").withHeader("A", "1"))
				.hasSameHashCodeAs(HandshakeResponse.reject(400, "No").withHeader("A", "1"))
				.isNotEqualTo(HandshakeResponse.reject(400, "Nope").withHeader("A", "1"));
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
