package dev.wsboot.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeLimits;
import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HandshakeRequestParser;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.handshake.Rfc6455HandshakeHandler;
import dev.wsboot.handshake.UpgradeTarget;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds {@link HandshakeRequestParser} arbitrary bytes split into arbitrary reads, within
 * small {@link HandshakeLimits}, and hands what it accepts to {@link Rfc6455HandshakeHandler}.
 *
 * <p>Invariants: the parser throws nothing but {@link HandshakeException} (400, 414 or 431);
 * a read that does not complete the head is taken whole; an accepted head stays within every
 * limit; the handshake handler answers every parsed request without throwing; and the outcome
 * does not depend on how the bytes were split. The input layout is {@link SplitInput}'s:
 * the settings are the request line limit (1-1024), the head limit (1-4096) and the header
 * count limit (1-64).
 *
 * <p>Run as a plain test, this replays the seeds under
 * {@code src/test/resources/dev/wsboot/fuzz/HandshakeRequestParserFuzzTestsInputs/}.
 */
class HandshakeRequestParserFuzzTests {

	private static final Set<Integer> PARSER_STATUSES = Set.of(400, 414, 431);

	private static final Set<Integer> HANDLER_STATUSES = Set.of(101, 400, 403, 404, 405, 426);

	private static final UpgradeTarget CHAT = new UpgradeTarget("/chat", List.of("chat", "superchat"));

	private final Rfc6455HandshakeHandler handler = new Rfc6455HandshakeHandler(List.of("http://example.com"));

	@DictionaryEntries({ "GET ", " HTTP/1.1", "HTTP/1.0", "http://", "/chat", "?", ": ", "Host",
			"Upgrade", "websocket", "Connection", "keep-alive, Upgrade", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
			"Sec-WebSocket-Version", "13", "Sec-WebSocket-Protocol", "chat, superchat", "Origin", "http://example.com" })
	@FuzzTest(maxDuration = "10m")
	void parsesAnyBytesSplitAnywhere(FuzzedDataProvider data) {
		SplitInput input = SplitInput.read(data);
		HandshakeLimits limits = new HandshakeLimits(1 + input.first() % 1024, 1 + input.second() % 4096,
				1 + input.third() % 64);
		Outcome split = parse(input, limits);
		Outcome whole = parse(input.whole(), limits);
		assertThat(split).as("outcome when read in pieces vs. in one go").isEqualTo(whole);
	}

	private Outcome parse(SplitInput input, HandshakeLimits limits) {
		HandshakeRequestParser parser = new HandshakeRequestParser(limits);
		Outcome outcome = new Outcome();
		input.replay((buffer) -> {
			int before = buffer.position();
			try {
				HandshakeRequest request = parser.parse(buffer);
				outcome.consumed += buffer.position() - before;
				if (request == null) {
					assertThat(buffer.hasRemaining()).as("an incomplete head takes the whole read").isFalse();
				}
				else {
					assertThat(buffer.position()).isLessThanOrEqualTo(buffer.limit());
					outcome.request = request;
				}
			}
			catch (HandshakeException ex) {
				assertThat(PARSER_STATUSES).contains(ex.status());
				assertThat(ex.toResponse().toBytes()).isNotEmpty();
				outcome.status = ex.status();
			}
			assertThat(parser.hasStarted()).isEqualTo(outcome.consumed > 0 || outcome.status != 0);
		}, outcome::isDone);
		if (outcome.request != null) {
			checkAccepted(outcome.request, limits, outcome.consumed);
			outcome.leftover = Arrays.copyOfRange(input.bytes(), outcome.consumed, input.bytes().length);
		}
		return outcome;
	}

	private void checkAccepted(HandshakeRequest request, HandshakeLimits limits, int consumed) {
		assertThat(consumed).as("bytes taken for the head").isLessThanOrEqualTo(limits.maxHeaderBlockSize());
		assertThat(request.headers().size()).isLessThanOrEqualTo(limits.maxHeaderCount());
		assertThat(request.method().length() + request.target().length() + request.httpVersion().length() + 2)
			.as("request line length")
			.isLessThanOrEqualTo(limits.maxRequestLineLength());
		assertThat(request.path()).startsWith("/");
		HandshakeResponse response = this.handler.handshake(request, request.path().equals("/chat") ? CHAT : null);
		assertThat(HANDLER_STATUSES).contains(response.status());
		assertThat(response.toBytes()).isNotEmpty();
	}

	/** What a parse came to: a request and what followed it, a refusal, or neither yet. */
	private static final class Outcome {

		@Nullable HandshakeRequest request;

		int status;

		int consumed;

		byte[] leftover = new byte[0];

		boolean isDone() {
			return this.request != null || this.status != 0;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Outcome that && java.util.Objects.equals(this.request, that.request)
					&& this.status == that.status && Arrays.equals(this.leftover, that.leftover);
		}

		@Override
		public int hashCode() {
			return this.status;
		}

		@Override
		public String toString() {
			return (this.request != null) ? this.request + " then " + this.leftover.length + " bytes"
					: (this.status != 0) ? "refused with " + this.status : "incomplete";
		}

	}

}
