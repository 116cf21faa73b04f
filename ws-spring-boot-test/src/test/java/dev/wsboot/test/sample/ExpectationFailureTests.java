package dev.wsboot.test.sample;

import java.time.Duration;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.sample.RoomMessages.Say;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every expectation of the kit fails when it should, and says what was received instead.
 */
@SpringBootTest
class ExpectationFailureTests {

	private static final Duration SHORT = Duration.ofMillis(300);

	@Autowired
	WsTestClient ws;

	@Test
	void aMessageThatDoesNotComeIsReportedAsNothingReceived() {
		WsTestSession session = this.ws.connect("/echo").timeout(SHORT).open();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).nextMessage())
			.withMessage("Expected a message from /echo within 300 ms, but received nothing");
	}

	@Test
	void aMessageAfterTheServerClosedTheSessionIsReportedWithTheClose() {
		WsTestSession session = joinLobby();
		session.sendText("{\"type\":\"say\"");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).nextMessage())
			.withMessageStartingWith("Expected a message from /rooms/lobby?name=ann, but the server closed the session"
					+ " with 1007 \"");
	}

	@Test
	void textThatDiffersIsShown() {
		WsTestSession session = echoing("hello");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).nextMessage().hasText("goodbye"))
			.withMessageContaining("Expected text \"goodbye\", but received text \"hello\"");
	}

	@Test
	void textExpectedWhereBinaryCameIsShownAsBinary() {
		WsTestSession session = this.ws.open("/echo");
		session.sendBinary(new byte[] { 1, 2, 3 });
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).receivesText("hello"))
			.withMessageContaining(
					"Expected the next message from /echo to be text \"hello\", but received binary [01 02 03]");
	}

	@Test
	void textThatDoesNotMatchIsShown() {
		WsTestSession session = echoing("hello");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).nextMessage().textMatches("bye.*"))
			.withMessageContaining("Expected text matching /bye.*/, but received text \"hello\"");
	}

	@Test
	void aMessageThatDoesNotDecodeIsShownWithTheReason() {
		WsTestSession session = this.ws.open("/rooms/lobby?name=ann");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).nextMessage().decodesTo(Say.class))
			.withMessageContaining("Expected a message that decodes to " + Say.class.getName()
					+ ", but received text \"{\"type\":\"welcome\",\"room\":\"lobby\",\"name\":\"ann\",\"members\":1}\":"
					+ " Unknown message type 'welcome'");
	}

	@Test
	void jsonThatDiffersIsShown() {
		WsTestSession session = joinLobby();
		session.sendJson(new Say("hi"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).nextMessage().json().isLenientlyEqualTo("{text: 'bye'}"))
			.withMessageContaining("text")
			.withMessageContaining("bye")
			.withMessageContaining("hi");
	}

	@Test
	void aMessageWhereNoneWasExpectedIsShown() {
		WsTestSession session = this.ws.open("/echo");
		session.sendText("hello");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).receivesNothing())
			.withMessage("Expected no message from /echo, but received text \"hello\"");
	}

	@Test
	void aMessageWithinAQuietPeriodIsShown() {
		WsTestSession session = this.ws.open("/echo");
		session.sendText("hello");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).receivesNothingWithin(Duration.ofSeconds(5)))
			.withMessage("Expected no message from /echo for 5 s, but received text \"hello\"");
	}

	@Test
	void aCloseWithAnotherCodeIsShownWithItsCodeAndReason() {
		WsTestSession session = joinLobby();
		session.sendText("{\"type\":\"shout\",\"text\":\"hi\"}");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).closesWith(1007))
			.withMessage("Expected the server to close /rooms/lobby?name=ann with 1007, but the server closed the"
					+ " session with 1003 \"Unknown message type 'shout'\"");
	}

	@Test
	void aCloseWithAnotherReasonIsShown() {
		WsTestSession session = joinLobby();
		session.sendText("{\"type\":\"shout\",\"text\":\"hi\"}");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).closesWith(1003, "Unsupported"))
			.withMessageContaining("Expected the server to close /rooms/lobby?name=ann with 1003 \"Unsupported\", but"
					+ " the reason was \"Unknown message type 'shout'\"");
	}

	@Test
	void aMessageBeforeTheExpectedCloseIsShown() {
		WsTestSession session = echoing("hello");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).closesWith(1000))
			.withMessage("Expected the server to close /echo, but received text \"hello\" first");
	}

	@Test
	void aSessionThatStaysOpenIsReported() {
		WsTestSession session = this.ws.connect("/echo").timeout(SHORT).open();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).closesWith(1000))
			.withMessage("Expected the server to close /echo within 300 ms, but it stayed open and sent nothing");
	}

	@Test
	void aRefusedUpgradeWhereASessionWasExpectedIsShown() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.ws.open("/secure"))
			.withMessageStartingWith("Expected the upgrade to be accepted, but the server answered GET /secure with"
					+ " 401 Unauthorized, ")
			.withMessageContaining("WWW-Authenticate: Bearer")
			.withMessageContaining("body \"Log in first");
	}

	@Test
	void anUpgradeToNowhereIsShownWithItsStatus() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.ws.open("/nowhere"))
			.withMessageStartingWith("Expected the upgrade to be accepted, but the server answered GET /nowhere with 404");
	}

	@Test
	void anAcceptedUpgradeWhereARefusalWasExpectedIsShown() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.ws.connect("/echo").upgrade()).isRefused())
			.withMessageStartingWith(
					"Expected the upgrade to be refused, but the server answered GET /echo with 101 Switching Protocols");
	}

	@Test
	void anotherStatusIsShownWithTheWholeAnswer() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.ws.connect("/secure").upgrade()).hasStatus(403))
			.withMessageContaining("Expected status 403, but the server answered GET /secure with 401 Unauthorized");
	}

	@Test
	void aMissingHeaderIsShownWithTheHeadersThereAre() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.ws.connect("/secure").upgrade()).hasHeader("WWW-Authenticate", "Basic"))
			.withMessageContaining("Expected the header WWW-Authenticate: Basic, but the server answered GET /secure")
			.withMessageContaining("WWW-Authenticate: Bearer");
	}

	@Test
	void anotherSubprotocolIsShown() {
		WsTestSession session = this.ws.connect("/echo").subprotocols("v1").open();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).hasSubprotocol("v2"))
			.withMessageContaining("Expected the server to choose the subprotocol v2 for /echo, but it chose v1");
	}

	@Test
	void theAssertionsDescriptionComesFirst() {
		WsTestSession session = echoing("hello");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(session).as("alice's echo").closesWith(1000))
			.withMessage("[alice's echo] Expected the server to close /echo, but received text \"hello\" first");
	}

	private WsTestSession joinLobby() {
		WsTestSession session = this.ws.open("/rooms/lobby?name=ann");
		session.nextMessage();
		return session;
	}

	private WsTestSession echoing(String text) {
		WsTestSession session = this.ws.open("/echo");
		session.sendText(text);
		return session;
	}

}
