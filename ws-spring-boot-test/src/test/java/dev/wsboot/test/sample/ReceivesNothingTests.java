package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.sample.RoomMessages.Say;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * "Nothing is on its way", checked without a fixed sleep: what it waits for, and what it
 * sees coming.
 */
@SpringBootTest
class ReceivesNothingTests {

	@Autowired
	WsTestClient ws;

	@Test
	void passesWhenTheServerHasNothingToSend() {
		WsTestSession session = this.ws.open("/echo");
		session.sendText("hello");
		assertThat(session).receivesText("hello").receivesNothing();
	}

	@Test
	void waitsForTheHandlerOfWhatTheSessionSentThoughItIsSlow() {
		WsTestSession session = this.ws.open("/echo");
		session.sendText(EchoEndpoint.SLOWLY + "late");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).receivesNothing())
			.withMessageContaining("Expected no message from /echo, but received text \"late\"");
		assertThat(session).receivesText("late");
	}

	@Test
	void waitsForTheHandlersOfWhatOtherSessionsSent() {
		WsTestSession alice = this.ws.open("/rooms/{room}?name={name}", "hall", "alice");
		WsTestSession bob = this.ws.open("/rooms/{room}?name={name}", "hall", "bob");
		alice.nextMessage();
		bob.nextMessage();
		alice.sendJson(new Say(EchoEndpoint.SLOWLY + "hi"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(bob).receivesNothing())
			.withMessageContaining("but received text \"{\"type\":\"said\",\"room\":\"hall\",\"name\":\"alice\"");
	}

	@Test
	void leavesWhatOtherSessionsReceivedForThem() {
		WsTestSession alice = this.ws.open("/rooms/{room}?name={name}", "porch", "alice");
		WsTestSession carol = this.ws.open("/rooms/{room}?name={name}", "cellar", "carol");
		alice.nextMessage();
		carol.nextMessage();
		alice.sendJson(new Say("hi"));
		assertThat(carol).receivesNothing();
		assertThat(alice).nextMessage().json().extractingPath("$.text").isEqualTo("hi");
	}

	@Test
	void seesAMessageNotTakenYet() {
		// An echo, not a welcome sent by @OnOpen: the kit waits for the handler calls of what
		// the test sent, and cannot know when an @OnOpen is done.
		WsTestSession session = this.ws.open("/echo");
		session.sendText("not taken");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).receivesNothing())
			.withMessageStartingWith("Expected no message from /echo, but received text \"not taken\"");
		assertThat(session).receivesText("not taken");
	}

	@Test
	void seesTheServerCloseTheSession() {
		WsTestSession session = this.ws.open("/rooms/lobby?name=ann");
		session.nextMessage();
		session.sendText("not json");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(session).receivesNothing())
			.withMessageStartingWith("Expected no message from /rooms/lobby?name=ann, but the server closed the session with 1007");
	}

	@Test
	void passesOnceTheTestHasSeenTheSessionClosed() {
		WsTestSession session = this.ws.open("/echo");
		session.sendText("bye");
		session.nextMessage();
		session.close();
		assertThat(session).receivesNothing();
	}

}
