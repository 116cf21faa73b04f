package dev.wsboot.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;

import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
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

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Autobahn section 6: text messages must be valid UTF-8 (RFC 6455 §5.6, §8.1), checked
 * across fragment boundaries, even inside a code point, and as soon as the bytes arrive:
 * invalid text fails the connection with 1007 before the rest of the message is sent.
 */
@DisplayName("6 UTF-8 handling")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class Utf8ConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	/** κόσμε, the Greek word Autobahn's UTF-8 cases start with: 11 bytes of 2- and 3-byte characters. */
	private static final String KOSME = "ce ba e1 bd b9 cf 83 ce bc ce b5";

	@Parameter
	Dispatch dispatch;

	static Stream<Arguments> validSequences() {
		return Stream.of(utf8("6.2.1 Latin-1 letters", "Hello-µ@ßöäüàá-UTF-8!!"),
				hex("6.5.2 U+00A2, 2 bytes", "68 65 6c 6c 6f c2 a2 77 6f 72 6c 64"),
				hex("6.5.3 U+20AC, 3 bytes", "68 65 6c 6c 6f e2 82 ac 77 6f 72 6c 64"),
				hex("6.5.4 U+24B62, 4 bytes", "68 65 6c 6c 6f f0 a4 ad a2 77 6f 72 6c 64"), hex("6.5.5 κόσμε", KOSME),
				hex("6.7.1 U+0000", "00"), hex("6.7.2 U+0080, first 2-byte", "c2 80"),
				hex("6.7.3 U+0800, first 3-byte", "e0 a0 80"), hex("6.7.4 U+10000, first 4-byte", "f0 90 80 80"),
				hex("6.9.1 U+007F, last 1-byte", "7f"), hex("6.9.2 U+07FF, last 2-byte", "df bf"),
				hex("6.9.3 U+FFFF, last 3-byte", "ef bf bf"), hex("6.9.4 U+10FFFF, the last code point", "f4 8f bf bf"),
				hex("6.11.1 U+D7FF, just below the surrogates", "ed 9f bf"),
				hex("6.11.2 U+E000, just above the surrogates", "ee 80 80"),
				hex("6.11.3 U+FFFD, the replacement character", "ef bf bd"),
				hex("6.22.1 U+FFFE, a noncharacter", "ef bf be"));
	}

	static Stream<Arguments> invalidSequences() {
		return Stream.of(hex("6.3.1 a UTF-16 surrogate inside valid text", KOSME + " ed a0 80 65 64 69 74 65 64"),
				hex("6.8.1 a 5-byte form", "f8 88 80 80 80"), hex("6.10.1 U+1FFFFF, above U+10FFFF", "f7 bf bf bf"),
				hex("6.11.5 U+110000, just above U+10FFFF", "f4 90 80 80"),
				hex("6.12.1 a lone continuation byte 0x80", "80"), hex("6.12.2 a lone continuation byte 0xBF", "bf"),
				hex("6.12.3 two continuation bytes", "80 bf"), hex("a lone 2-byte start followed by a space", "c2 20"),
				hex("6.14.6 a 2-byte sequence cut at the end", "df"),
				hex("6.14.7 a 3-byte sequence cut at the end", "ef bf"),
				hex("a 4-byte sequence cut at the end of valid text", "68 65 6c 6c 6f f0 9f 98"),
				hex("6.16.1 the impossible byte 0xFE", "fe"), hex("6.16.2 the impossible byte 0xFF", "ff"),
				hex("6.17.1 overlong '/' in 2 bytes", "c0 af"), hex("6.17.2 overlong '/' in 3 bytes", "e0 80 af"),
				hex("6.17.3 overlong '/' in 4 bytes", "f0 80 80 af"),
				hex("6.18.1 the largest overlong 2-byte form", "c1 bf"),
				hex("6.18.2 the largest overlong 3-byte form", "e0 9f bf"),
				hex("6.18.3 the largest overlong 4-byte form", "f0 8f bf bf"), hex("6.19.1 overlong NUL", "c0 80"),
				hex("6.20.1 the surrogate U+D800", "ed a0 80"), hex("6.20.7 the surrogate U+DFFF", "ed bf bf"),
				hex("6.21.1 a surrogate pair encoded as two 3-byte forms", "ed a0 80 ed b0 80"));
	}

	private static Arguments hex(String name, String hex) {
		return argumentSet(name, (Object) bytes(hex));
	}

	private static Arguments utf8(String name, String text) {
		return argumentSet(name, (Object) Payloads.utf8(text));
	}

	private static byte[] bytes(String hex) {
		return HexFormat.ofDelimiter(" ").parseHex(hex);
	}

	@Nested
	@DisplayName("Valid UTF-8 is echoed")
	class Valid {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.Utf8ConformanceTests#validSequences")
		@DisplayName("in one frame")
		void inOneFrame(byte[] text) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(text));
				ws.expectText(text);
			}
		}

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.Utf8ConformanceTests#validSequences")
		@DisplayName("in 1-byte fragments (6.2.3 style)")
		void inOneByteFragments(byte[] text) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.fragments(ClientFrame.TEXT, text, 1));
				ws.expectText(text);
			}
		}

		@Test
		@DisplayName("6.2.2 two fragments split on a code point boundary")
		void splitOnACodePointBoundary() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text("Hello-µ@ßöä").notFinal(), ClientFrame.continuation("üàá-UTF-8!!"));
				ws.expectText("Hello-µ@ßöäüàá-UTF-8!!");
			}
		}

		@Test
		@DisplayName("a 4-byte code point split 2 + 2 across two fragments")
		void splitInsideACodePoint() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(bytes("68 69 f0 9f")).notFinal(), ClientFrame.continuation(bytes("98 80 21")));
				ws.expectText("hi\uD83D\uDE00!");
			}
		}

		@Test
		@DisplayName("64 KiB of 2-, 3- and 4-byte characters in one frame, sent in 997-byte chunks that split them")
		void multiByteTextSplitAcrossReads() {
			byte[] text = Payloads.utf8("µ€\uD83D\uDE00".repeat(65536 / 9));
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendChunked(ClientFrame.text(text), 997);
				ws.expectText(text);
			}
		}

		@Test
		@DisplayName("6.1.2 three empty fragments")
		void emptyFragments() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text("").notFinal(), ClientFrame.continuation("").notFinal(),
						ClientFrame.continuation(""));
				ws.expectText("");
			}
		}

		@Test
		@DisplayName("6.1.3 three fragments, the first and last empty")
		void emptyFirstAndLastFragments() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text("").notFinal(), ClientFrame.continuation("middle frame payload").notFinal(),
						ClientFrame.continuation(""));
				ws.expectText("middle frame payload");
			}
		}

	}

	@Nested
	@DisplayName("Invalid UTF-8 fails the connection with 1007")
	class Invalid {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.Utf8ConformanceTests#invalidSequences")
		@DisplayName("in one frame")
		void inOneFrame(byte[] text) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(text));
				ws.expectCloseThenEof(1007);
			}
		}

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.Utf8ConformanceTests#invalidSequences")
		@DisplayName("in 1-byte fragments (6.3.2 style)")
		void inOneByteFragments(byte[] text) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.fragments(ClientFrame.TEXT, text, 1));
				ws.expectCloseThenEof(1007);
			}
		}

		@Test
		@DisplayName("a lone surrogate deep inside a 64 KiB frame of multi-byte text sent in 997-byte chunks")
		void invalidDeepInsideALargeFrame() {
			ByteArrayOutputStream text = new ByteArrayOutputStream();
			text.writeBytes(Payloads.utf8("µ€\uD83D\uDE00".repeat(4000)));
			text.writeBytes(bytes("ed a0 80"));
			text.writeBytes(Payloads.utf8("µ€\uD83D\uDE00".repeat(3000)));
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendChunked(ClientFrame.text(text.toByteArray()), 997);
				ws.expectCloseThenEof(1007);
			}
		}

	}

	/**
	 * Each case sends a message whose first part is valid and whose second makes it invalid,
	 * then reads the 1007 before sending the third part: a server that only checks whole
	 * messages never answers, and the read times out.
	 */
	@Nested
	@DisplayName("Invalid UTF-8 fails fast, before the message ends")
	class FailFast {

		/** κόσμε, then U+110000 in the 4-byte form, then "edited". */
		private final byte[] message = bytes(KOSME + " f4 90 80 80 65 64 69 74 65 64");

		@Test
		@DisplayName("6.4.1 3 fragments, the 2nd invalid: 1007 before the 3rd is sent")
		void invalidSecondFragment() {
			assertFailsAfterTheSecondFragment(11, 15);
		}

		@Test
		@DisplayName("6.4.2 3 fragments, the 2nd only the invalid byte: 1007 before the 3rd is sent")
		void secondFragmentIsTheInvalidByte() {
			assertFailsAfterTheSecondFragment(12, 13);
		}

		@Test
		@DisplayName("6.4.3 one frame in 3 chunks, the 2nd invalid: 1007 before the 3rd is sent")
		void invalidSecondChunk() {
			assertFailsAfterTheSecondChunk(11, 15);
		}

		@Test
		@DisplayName("6.4.4 one frame in 3 chunks, the 2nd only the invalid byte: 1007 before the 3rd is sent")
		void secondChunkIsTheInvalidByte() {
			assertFailsAfterTheSecondChunk(12, 13);
		}

		private void assertFailsAfterTheSecondFragment(int firstEnd, int secondEnd) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(Arrays.copyOfRange(this.message, 0, firstEnd)).notFinal());
				// A pong shows the valid first fragment was taken without failing the connection.
				ws.send(ClientFrame.ping("after the first fragment"));
				ws.expectPong("after the first fragment");
				ws.send(ClientFrame.continuation(Arrays.copyOfRange(this.message, firstEnd, secondEnd)).notFinal());
				ws.expectCloseThenEof(1007);
			}
		}

		private void assertFailsAfterTheSecondChunk(int firstEnd, int secondEnd) {
			ClientFrame frame = ClientFrame.text(this.message);
			byte[] wire = frame.bytes();
			int header = frame.headerLength();
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(Arrays.copyOfRange(wire, 0, header + firstEnd));
				ws.send(Arrays.copyOfRange(wire, header + firstEnd, header + secondEnd));
				ws.expectCloseThenEof(1007);
			}
		}

	}

}
