package dev.wsboot.conformance;

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
 * Autobahn section 1 (and the single-frame cases of 9.1/9.2): text and binary messages at
 * every boundary of the payload length encoding, echoed exactly in one frame however the
 * bytes are chopped on the way in.
 */
@DisplayName("1 Framing")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class FramingConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	/** Payload pieces of a prime size, so they never line up with the server's reads. */
	private static final int PIECE = 997;

	@Parameter
	Dispatch dispatch;

	/** RFC 6455 §5.2: 7-bit lengths up to 125, then 16-bit up to 65535, then 64-bit. */
	static Stream<Arguments> lengths(String section, String largeSection) {
		return Stream.of(argumentSet(section + ".1 empty", 0),
				argumentSet(section + ".2 125 bytes, the largest 7-bit length", 125),
				argumentSet(section + ".3 126 bytes, the smallest 16-bit length", 126),
				argumentSet(section + ".4 127 bytes", 127), argumentSet(section + ".5 128 bytes", 128),
				argumentSet(section + ".6 65535 bytes, the largest 16-bit length", 65535),
				argumentSet(section + ".7 65536 bytes, the smallest 64-bit length", 65536),
				argumentSet(largeSection + ".3 1 MiB", 1 << 20), argumentSet(largeSection + ".6 16 MiB", 16 << 20));
	}

	static Stream<Arguments> textLengths() {
		return lengths("1.1", "9.1");
	}

	static Stream<Arguments> binaryLengths() {
		return lengths("1.2", "9.2");
	}

	/** The same lengths, sent chopped as Autobahn 1.1.8 and 1.2.8 send 65536 bytes. */
	static Stream<Arguments> chunkedLengths() {
		return Stream.of(argumentSet("empty", 0), argumentSet("125 bytes", 125), argumentSet("126 bytes", 126),
				argumentSet("127 bytes", 127), argumentSet("128 bytes", 128), argumentSet("65535 bytes", 65535),
				argumentSet("65536 bytes (1.1.8, 1.2.8)", 65536), argumentSet("1 MiB", 1 << 20),
				argumentSet("16 MiB", 16 << 20));
	}

	@Nested
	@DisplayName("1.1 Text messages")
	class Text {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.FramingConformanceTests#textLengths")
		@DisplayName("echoed exactly in one frame")
		void echoedExactlyInOneFrame(int length) {
			byte[] payload = Payloads.text(length);
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(payload));
				ws.expectText(payload);
			}
		}

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.FramingConformanceTests#chunkedLengths")
		@DisplayName("echoed exactly when sent with the header octet-wise and the payload in 997-byte pieces")
		void echoedWhenSentInChunks(int length) {
			byte[] payload = Payloads.text(length);
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendChunked(ClientFrame.text(payload), PIECE);
				ws.expectText(payload);
			}
		}

	}

	@Nested
	@DisplayName("1.2 Binary messages")
	class Binary {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.FramingConformanceTests#binaryLengths")
		@DisplayName("echoed exactly in one frame")
		void echoedExactlyInOneFrame(int length) {
			byte[] payload = Payloads.binary(length);
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.binary(payload));
				ws.expectBinary(payload);
			}
		}

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.FramingConformanceTests#chunkedLengths")
		@DisplayName("echoed exactly when sent with the header octet-wise and the payload in 997-byte pieces")
		void echoedWhenSentInChunks(int length) {
			byte[] payload = Payloads.binary(length);
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendChunked(ClientFrame.binary(payload), PIECE);
				ws.expectBinary(payload);
			}
		}

	}

	@Nested
	@DisplayName("Several frames")
	class SeveralFrames {

		@Test
		@DisplayName("100 messages in one write are echoed in order")
		void pipelinedMessagesEchoedInOrder() {
			ClientFrame[] frames = new ClientFrame[100];
			for (int i = 0; i < frames.length; i++) {
				frames[i] = (i % 2 == 0) ? ClientFrame.text("message " + i) : ClientFrame.binary(Payloads.binary(i));
			}
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(frames);
				for (int i = 0; i < frames.length; i++) {
					if (i % 2 == 0) {
						ws.expectText("message " + i);
					}
					else {
						ws.expectBinary(Payloads.binary(i));
					}
				}
			}
		}

		@Test
		@DisplayName("an unmasked client frame fails the connection with 1002 (RFC 6455 §5.1)")
		void unmaskedFrameIsAProtocolError() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text("Hello").unmasked());
				ws.expectCloseThenEof(1002);
			}
		}

	}

}
