package dev.wsboot.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Autobahn section 3: with no extension negotiated, a frame with any RSV bit set fails the
 * connection with 1002 (RFC 6455 §5.2), and whatever the client sent after it is ignored.
 * RSV values follow Autobahn's numbering: 4 is RSV1, 2 is RSV2, 1 is RSV3.
 */
@DisplayName("3 Reserved bits")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class ReservedBitsConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	private static final String HELLO = "Hello, world!";

	@Parameter
	Dispatch dispatch;

	/** Every combination of RSV bits on every kind of frame, with Autobahn's id where one matches. */
	static Stream<Arguments> framesWithRsv() {
		Map<String, ClientFrame> kinds = new LinkedHashMap<>();
		kinds.put("text", ClientFrame.text(HELLO));
		kinds.put("binary", ClientFrame.binary(Payloads.binary(13)));
		kinds.put("ping", ClientFrame.ping(HELLO));
		kinds.put("close", ClientFrame.close(1000));
		Map<String, String> autobahn = Map.of("text 1", "3.1 ", "binary 5", "3.5 ", "ping 6", "3.6 ", "close 7", "3.7 ");
		List<Arguments> cases = new ArrayList<>();
		kinds.forEach((kind, frame) -> {
			for (int rsv = 1; rsv <= 7; rsv++) {
				String id = autobahn.getOrDefault(kind + " " + rsv, "");
				cases.add(argumentSet(id + kind + " with " + describe(rsv), frame.rsv(rsv)));
			}
		});
		return cases.stream();
	}

	private static String describe(int rsv) {
		List<String> bits = new ArrayList<>();
		for (int bit = 1; bit <= 3; bit++) {
			if ((rsv & (1 << (3 - bit))) != 0) {
				bits.add("RSV" + bit);
			}
		}
		return String.join("+", bits) + " (RSV = " + rsv + ")";
	}

	@Nested
	@DisplayName("Any RSV bit fails the connection with 1002")
	class Alone {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.ReservedBitsConformanceTests#framesWithRsv")
		@DisplayName("the frame alone")
		void failsTheConnection(ClientFrame frame) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(frame);
				ws.expectCloseThenEof(1002);
			}
		}

	}

	@Nested
	@DisplayName("Text, bad frame, ping: the text is echoed, then 1002, and no pong")
	class AfterAGoodMessage {

		@Test
		@DisplayName("3.2 RSV = 2, all in one write")
		void inOneWrite() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(HELLO), ClientFrame.text(HELLO).rsv(2), ClientFrame.ping(""));
				expectEchoThenFailure(ws);
			}
		}

		@Test
		@DisplayName("3.3 RSV = 3, one write per frame")
		void frameWise() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendEach(ClientFrame.text(HELLO), ClientFrame.text(HELLO).rsv(3), ClientFrame.ping(""));
				expectEchoThenFailure(ws);
			}
		}

		@Test
		@DisplayName("3.4 RSV = 4, one write per octet")
		void octetWise() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendOctetWise(ClientFrame.text(HELLO), ClientFrame.text(HELLO).rsv(4), ClientFrame.ping(""));
				expectEchoThenFailure(ws);
			}
		}

		/** The end of the stream right after the close frame shows no pong was sent. */
		private void expectEchoThenFailure(RawWsClient ws) {
			ws.expectText(HELLO);
			ws.expectCloseThenEof(1002);
		}

	}

}
