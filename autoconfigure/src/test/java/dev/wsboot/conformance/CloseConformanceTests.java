package dev.wsboot.conformance;

import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Autobahn section 7: the closing handshake. The server answers a close frame with its own,
 * echoing the code (RFC 6455 §5.5.1), processes nothing the client sends after it, then
 * closes the TCP connection first (§7.1.1); a malformed close frame fails the connection.
 */
@DisplayName("7 Close handling")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class CloseConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	@Parameter
	Dispatch dispatch;

	/** Autobahn 7.7.1-7.7.13: codes a close frame may carry. */
	static Stream<Arguments> validCodes() {
		int[] codes = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 };
		return IntStream.range(0, codes.length).mapToObj((i) -> argumentSet("7.7." + (i + 1) + " " + codes[i], codes[i]));
	}

	/** Autobahn 7.9.1-7.9.9 and 7.13.1-7.13.2, plus 1015: codes a close frame must not carry (§7.4). */
	static Stream<Arguments> invalidCodes() {
		int[] codes = { 0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999 };
		return Stream.concat(
				IntStream.range(0, codes.length).mapToObj((i) -> argumentSet("7.9." + (i + 1) + " " + codes[i], codes[i])),
				Stream.of(argumentSet("1015, reserved for a failed TLS handshake", 1015), argumentSet("7.13.1 5000", 5000),
						argumentSet("7.13.2 65535", 65535)));
	}

	@Nested
	@DisplayName("7.1 The closing handshake")
	class Handshake {

		@Test
		@DisplayName("7.3.3 close 1000: 1000 echoed, then the server closes TCP")
		void normalClose() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000));
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.1.1 text then close in one write: the text is echoed before the close")
		void messageThenClose() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text("Hello World!"), ClientFrame.close(1000));
				ws.expectText("Hello World!");
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.1.2 two close frames: one close back")
		void twoCloseFrames() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000), ClientFrame.close());
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.1.3 close then ping: no pong")
		void pingAfterClose() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000), ClientFrame.ping(""));
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.1.4 close then text: no echo")
		void textAfterClose() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000), ClientFrame.text("Hello World!"));
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.1.5 fragment, close, last fragment: no echo")
		void closeInsideAFragmentedMessage() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text("fragment1").notFinal(), ClientFrame.close(1000),
						ClientFrame.continuation("fragment2"));
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.1.6 256 KiB text, text, close, ping: both echoed, then the close, no pong")
		void largeMessageThenClose() {
			byte[] large = Payloads.text(256 << 10);
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(large), ClientFrame.text("Hello World!"), ClientFrame.close(1000),
						ClientFrame.ping(""));
				ws.expectText(large);
				ws.expectText("Hello World!");
				ws.expectCloseThenEof(1000);
			}
		}

	}

	@Nested
	@DisplayName("7.3 Close frame payloads")
	class Payload {

		@Test
		@DisplayName("7.3.1 empty close: an empty close (or 1000) back")
		void emptyClose() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close());
				ServerFrame close = ws.readFrame();
				assertThat(close.opcode()).as("opcode of %s", close).isEqualTo(ClientFrame.CLOSE);
				assertThat(close.payload().length == 0 || close.closeCode() == 1000)
					.as("empty or 1000: %s", close).isTrue();
				ws.expectEof();
			}
		}

		@Test
		@DisplayName("7.3.2 a 1-byte payload: 1002")
		void oneBytePayload() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.of(ClientFrame.CLOSE, Payloads.utf8("a")));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("7.3.4 1000 with a reason: 1000 echoed")
		void codeAndReason() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000, Payloads.utf8("Hello World!")));
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.3.5 1000 with a 123-byte reason, 125 bytes in all: 1000 echoed")
		void longestReason() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000, Payloads.utf8("*".repeat(123))));
				ws.expectCloseThenEof(1000);
			}
		}

		@Test
		@DisplayName("7.3.6 1000 with a 124-byte reason, 126 bytes in all: 1002")
		void reasonTooLong() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000, Payloads.utf8("*".repeat(124))));
				ws.expectCloseThenEof(1002);
			}
		}

		@Test
		@DisplayName("7.5.1 a reason that is not UTF-8: 1007")
		void invalidUtf8Reason() {
			byte[] reason = HexFormat.of().parseHex("cebae1bdb9cf83cebcceb5eda080656469746564");
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(1000, reason));
				ws.expectCloseThenEof(1007);
			}
		}

	}

	@Nested
	@DisplayName("7.7 Valid close codes are echoed")
	class ValidCodes {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.CloseConformanceTests#validCodes")
		@DisplayName("echoed")
		void echoed(int code) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(code));
				ws.expectCloseThenEof(code);
			}
		}

	}

	@Nested
	@DisplayName("7.9, 7.13 Invalid close codes fail the connection with 1002")
	class InvalidCodes {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.CloseConformanceTests#invalidCodes")
		@DisplayName("1002")
		void protocolError(int code) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.close(code));
				ws.expectCloseThenEof(1002);
			}
		}

	}

}
