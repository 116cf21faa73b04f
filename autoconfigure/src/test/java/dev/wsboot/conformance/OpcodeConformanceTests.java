package dev.wsboot.conformance;

import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Autobahn section 4: a frame with a reserved opcode, data (0x3-0x7) or control (0xB-0xF),
 * fails the connection with 1002 (RFC 6455 §5.2: "If an unknown opcode is received, the
 * receiving endpoint MUST _Fail the WebSocket Connection_").
 */
@DisplayName("4 Opcodes")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class OpcodeConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	private static final String HELLO = "Hello, world!";

	@Parameter
	Dispatch dispatch;

	/** Autobahn's ids of the cases that send the reserved frame alone. */
	private static final Map<Integer, String> ALONE = Map.of(0x3, "4.1.1", 0x4, "4.1.2", 0xB, "4.2.1", 0xC, "4.2.2");

	/** Autobahn's ids of the cases that send text, the reserved frame, then a ping. */
	private static final Map<Integer, String> AFTER_TEXT = Map.of(0x5, "4.1.3", 0x6, "4.1.4", 0x7, "4.1.5", 0xD,
			"4.2.3", 0xE, "4.2.4", 0xF, "4.2.5");

	static Stream<Arguments> reservedOpcodes(Map<Integer, String> ids) {
		return IntStream.of(0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF).mapToObj((opcode) -> {
			String id = ids.containsKey(opcode) ? ids.get(opcode) + " " : "";
			String kind = (opcode < 0x8) ? "data" : "control";
			return argumentSet(id + "reserved " + kind + " opcode 0x" + Integer.toHexString(opcode).toUpperCase(),
					opcode);
		});
	}

	static Stream<Arguments> alone() {
		return reservedOpcodes(ALONE);
	}

	static Stream<Arguments> afterText() {
		return reservedOpcodes(AFTER_TEXT);
	}

	/** Empty for the odd opcodes and with a payload for the even ones, as Autobahn alternates. */
	private static ClientFrame reservedFrame(int opcode) {
		byte[] payload = (opcode % 2 == 1) ? new byte[0] : Payloads.utf8("reserved payload");
		return ClientFrame.of(opcode, payload);
	}

	@Nested
	@DisplayName("Alone: 1002")
	class Alone {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.OpcodeConformanceTests#alone")
		@DisplayName("the frame alone")
		void failsTheConnection(int opcode) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(reservedFrame(opcode));
				ws.expectCloseThenEof(1002);
			}
		}

	}

	@Nested
	@DisplayName("Text, reserved frame, ping: the text is echoed, then 1002, and no pong")
	class AfterAGoodMessage {

		@ParameterizedTest(name = "{argumentSetName}")
		@MethodSource("dev.wsboot.conformance.OpcodeConformanceTests#afterText")
		@DisplayName("after a text")
		void echoesTheTextThenFails(int opcode) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.text(HELLO), reservedFrame(opcode), ClientFrame.ping(""));
				ws.expectText(HELLO);
				ws.expectCloseThenEof(1002);
			}
		}

	}

}
