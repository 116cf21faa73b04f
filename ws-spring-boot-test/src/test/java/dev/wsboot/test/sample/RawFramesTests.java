package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsFrame;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault injection with raw frames and requests, as hardening and conformance tests use it,
 * and how the server answers.
 */
@SpringBootTest
class RawFramesTests {

	@Autowired
	WsTestClient ws;

	@Test
	void anUnmaskedFrameIsAProtocolError() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.text("hello").unmasked());
		assertThat(session).closesWith(1002).endsTheConnection();
	}

	@Test
	void textThatIsNotUtf8IsInvalidData() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.text(new byte[] { 'h', 'i', (byte) 0xC0, (byte) 0xAF }));
		assertThat(session).closesWith(1007);
	}

	@Test
	void aFragmentedMessageArrivesWhole() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.fragments("h\u00e9llo, w\u00f6rld", 2));
		assertThat(session).receivesText("h\u00e9llo, w\u00f6rld");
	}

	@Test
	void aPingBetweenFragmentsIsAnsweredAndTheMessageArrivesWhole() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.text("hel").notFinal(), WsFrame.ping(new byte[] { 1 }), WsFrame.continuation("lo"));
		assertThat(session).receivesText("hello").receivesNothing();
	}

	@Test
	void aCloseWithACodeIsEchoed() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.close(4001, "done"));
		assertThat(session).closesWith(4001);
	}

	@Test
	void aCloseCodeNoEndpointMaySendIsAProtocolError() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.close(1005));
		assertThat(session).closesWith(1002);
	}

	@Test
	void reservedBitsAndOpcodesAreProtocolErrors() {
		WsTestSession rsv = this.ws.open("/echo");
		WsTestSession opcode = this.ws.open("/echo");
		rsv.sendFrames(WsFrame.text("x").rsv(4));
		opcode.sendFrames(WsFrame.of(0x3, new byte[0]));
		assertThat(rsv).closesWith(1002);
		assertThat(opcode).closesWith(1002);
	}

	@Test
	void aContinuationWithNoMessageIsAProtocolError() {
		WsTestSession session = this.ws.open("/echo");
		session.sendFrames(WsFrame.continuation("lo"));
		assertThat(session).closesWith(1002);
	}

	@Test
	void bytesGoAsTheyAre() {
		WsTestSession session = this.ws.open("/echo");
		byte[] first = WsFrame.text("one").bytes();
		byte[] second = WsFrame.text("two").bytes();
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		session.sendBytes(both);
		assertThat(session).receivesText("one").receivesText("two");
	}

	@Test
	void framesMayArriveOneOctetAtATime() {
		WsTestSession session = this.ws.open("/echo");
		session.sendBytes(WsFrame.bytes(WsFrame.fragments("in pieces", 4)), 1);
		assertThat(session).receivesText("in pieces");
	}

	@Test
	void aPingIsAnsweredWithItsPayload() {
		WsTestSession session = this.ws.open("/echo");
		assertThat(session.ping(new byte[] { 0, (byte) 0xFF, 'p' })).isPositive();
	}

	@Test
	void aPlainHttpGetIsToldToUpgrade() {
		assertThat(this.ws.connect("/echo")
			.withoutHeader("Upgrade")
			.withoutHeader("Connection")
			.withoutHeader("Sec-WebSocket-Key")
			.withoutHeader("Sec-WebSocket-Version")
			.upgrade()).isRefused().hasStatus(426).hasHeader("Upgrade", "websocket").body().contains("WebSocket");
	}

	@Test
	void anUpgradeWithoutAKeyIsABadRequest() {
		assertThat(this.ws.connect("/echo").withoutHeader("Sec-WebSocket-Key").upgrade()).isRefused().hasStatus(400);
	}

	@Test
	void anUpgradeOfAnotherVersionIsToldWhichVersionTheServerSpeaks() {
		assertThat(this.ws.connect("/echo").header("Sec-WebSocket-Version", "8").upgrade()).isRefused()
			.hasStatus(426)
			.hasHeader("Sec-WebSocket-Version", "13");
	}

}
