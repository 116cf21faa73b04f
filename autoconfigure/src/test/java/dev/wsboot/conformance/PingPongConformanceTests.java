package dev.wsboot.conformance;


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
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Autobahn section 2: a ping is answered with a pong carrying the same payload (RFC 6455
 * §5.5.2), a control frame carries at most 125 bytes (§5.5), and an unsolicited pong is
 * ignored (§5.5.3). Fragmented pings and pongs (5.1, 5.2) are in
 * {@link FragmentationConformanceTests}.
 */
@DisplayName("2 Pings and pongs")
@ParameterizedClass(name = "{0}")
@EnumSource(Dispatch.class)
class PingPongConformanceTests {

	@RegisterExtension
	static final TestWsServer.Shared server = TestWsServer.shared(ConformanceLimits.LARGE);

	@Parameter
	Dispatch dispatch;

	@Nested
	@DisplayName("Pings are answered")
	class Answered {

		@Test
		@DisplayName("2.1 ping without payload")
		void emptyPing() {
			assertPongFor(new byte[0]);
		}

		@Test
		@DisplayName("2.2 ping with a small text payload")
		void textPing() {
			assertPongFor(Payloads.utf8("Hello, world!"));
		}

		@Test
		@DisplayName("2.3 ping with a small binary payload that is not UTF-8")
		void binaryPing() {
			assertPongFor(new byte[] { 0x00, (byte) 0xff, (byte) 0xfe, (byte) 0xfd, (byte) 0xfc, (byte) 0xfb, 0x00, (byte) 0xff });
		}

		@Test
		@DisplayName("2.4 ping with 125 bytes, the most a control frame may carry")
		void largestPing() {
			assertPongFor(Payloads.binary(125));
		}

		@Test
		@DisplayName("2.6 ping with 125 bytes sent octet-wise")
		void largestPingOctetWise() {
			byte[] payload = Payloads.binary(125);
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendOctetWise(ClientFrame.ping(payload));
				ws.expectPong(payload);
			}
		}

		@Test
		@DisplayName("2.10 ten pings in one write get ten pongs, in order")
		void tenPings() {
			ClientFrame[] pings = new ClientFrame[10];
			for (int i = 0; i < pings.length; i++) {
				pings[i] = ClientFrame.ping("payload-" + i);
			}
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(pings);
				for (int i = 0; i < pings.length; i++) {
					ws.expectPong("payload-" + i);
				}
			}
		}

		@Test
		@DisplayName("2.11 ten pings sent octet-wise get ten pongs, in order")
		void tenPingsOctetWise() {
			ClientFrame[] pings = new ClientFrame[10];
			for (int i = 0; i < pings.length; i++) {
				pings[i] = ClientFrame.ping("payload-" + i);
			}
			try (RawWsClient ws = server.open(dispatch)) {
				ws.sendOctetWise(pings);
				for (int i = 0; i < pings.length; i++) {
					ws.expectPong("payload-" + i);
				}
			}
		}

		private void assertPongFor(byte[] payload) {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.ping(payload));
				ws.expectPong(payload);
			}
		}

	}

	@Nested
	@DisplayName("Unsolicited pongs are ignored")
	class Unsolicited {

		@Test
		@DisplayName("2.7 pong without payload, then a text that is still echoed")
		void emptyPong() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.pong(new byte[0]), ClientFrame.text("still here"));
				ws.expectText("still here");
			}
		}

		@Test
		@DisplayName("2.8 pong with payload, then a text that is still echoed")
		void pongWithPayload() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.pong(Payloads.utf8("unsolicited")), ClientFrame.text("still here"));
				ws.expectText("still here");
			}
		}

		@Test
		@DisplayName("2.9 pong with payload, then a ping answered with its own payload")
		void pongThenPing() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.pong(Payloads.utf8("unsolicited")), ClientFrame.ping("solicited"));
				ws.expectPong("solicited");
			}
		}

	}

	@Nested
	@DisplayName("A ping over 125 bytes fails the connection")
	class Oversized {

		@Test
		@DisplayName("2.5 ping with 126 bytes: 1002 and TCP closed")
		void pingOver125Bytes() {
			try (RawWsClient ws = server.open(dispatch)) {
				ws.send(ClientFrame.ping(Payloads.binary(126)));
				ws.expectCloseThenEof(1002);
			}
		}

	}

}
