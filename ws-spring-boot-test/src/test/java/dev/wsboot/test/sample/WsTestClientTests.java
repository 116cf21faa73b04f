package dev.wsboot.test.sample;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import dev.wsboot.context.LocalWsServerPort;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.sample.RoomMessages.Said;
import dev.wsboot.test.sample.RoomMessages.Say;
import dev.wsboot.test.sample.RoomMessages.Welcome;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test client as a {@code @SpringBootTest} gets it: on the server's free port, speaking
 * the application's JSON, sending what a test asks for.
 */
@SpringBootTest
class WsTestClientTests {

	@Autowired
	WsTestClient ws;

	@LocalWsServerPort
	int port;

	@Test
	void pointsAtTheFreePortTheServerListensOnRatherThanTheConfiguredOne() {
		assertThat(this.port).isNotEqualTo(8081);
		assertThat(this.ws.baseUri()).hasScheme("ws").hasHost("localhost").hasPort(this.port);
	}

	@Test
	void echoesTextAndBinary() {
		WsTestSession session = this.ws.open("/echo");
		byte[] data = new byte[70_000];
		new Random(11).nextBytes(data);
		session.sendText("hello").sendBinary(data);
		assertThat(session).receivesText("hello").receivesBinary(data);
	}

	@Test
	void sendsAndReadsJsonWithTheApplicationsJsonMapper() {
		WsTestSession session = this.ws.open("/rooms/{room}?name={name}", "lobby", "ann");
		assertThat(session.nextJson(Welcome.class)).isEqualTo(new Welcome("lobby", "ann", 1));
		session.sendJson(new Say("hi"));
		assertThat(session).nextMessage()
			.hasText("{\"type\":\"said\",\"room\":\"lobby\",\"name\":\"ann\",\"text\":\"hi\"}");
	}

	@Test
	void encodesPathVariablesAndQueryValues() {
		WsTestSession session = this.ws.open("/rooms/{room}?name={name}", "a b", "x&y=z+1");
		assertThat(session).nextMessage()
			.decodesTo(Welcome.class)
			.isEqualTo(new Welcome("a b", "x&y=z+1", 1));
		assertThat(session.target()).isEqualTo("/rooms/a%20b?name=x%26y%3Dz%2B1");
	}

	@Test
	void addsQueryParametersHeadersAndCredentials() {
		WsTestSession session = this.ws.connect("/headers")
			.query("tag", "a", "b c")
			.header("X-Test", "one")
			.bearerToken("t0k3n")
			.cookie("SESSION", "abc")
			.cookie("theme", "dark")
			.origin("http://localhost:8080")
			.open();
		assertThat(session).nextMessage()
			.json()
			.isStrictlyEqualTo("{\"Authorization\":\"Bearer t0k3n\",\"Cookie\":\"SESSION=abc; theme=dark\","
					+ "\"Origin\":\"http://localhost:8080\",\"X-Test\":\"one\",\"query\":\"tag=a&tag=b%20c\"}");
	}

	@Test
	void sendsBasicCredentials() {
		WsTestSession session = this.ws.connect("/headers").basicAuth("ann", "s3cret").open();
		assertThat(session).nextMessage().json().extractingPath("$.Authorization").isEqualTo("Basic YW5uOnMzY3JldA==");
	}

	@Test
	void offersSubprotocols() {
		WsTestSession session = this.ws.connect("/echo").subprotocols("v1", "v9").open();
		assertThat(session).hasSubprotocol("v1");
		assertThat(session.upgradeResponse()).isAccepted().hasSubprotocol("v1");
	}

	@Test
	void showsARefusedUpgradeWithItsStatusAndHeaders() {
		assertThat(this.ws.connect("/secure").upgrade()).isRefused()
			.hasStatus(401)
			.hasHeader("WWW-Authenticate", "Bearer")
			.body()
			.contains("Log in first");
		WsTestSession session = this.ws.connect("/secure").bearerToken("let-me-in").open();
		assertThat(session).receivesText("in");
	}

	@Test
	void decodesGenericTypes() {
		WsTestSession session = this.ws.open("/headers");
		@SuppressWarnings("unchecked")
		Map<String, String> headers = session.nextJson(Map.class);
		assertThat(headers).containsEntry("query", "null");
	}

	@Test
	void answersTheServersCloseAndReportsIt() {
		WsTestSession session = this.ws.open("/rooms/lobby?name=ann");
		session.nextMessage();
		session.sendText("{\"type\":\"say\"");
		assertThat(session).closesWith(1007);
		assertThat(session.isOpen()).isFalse();
		assertThat(session.closeStatus().code()).isEqualTo(1007);
	}

	@Test
	void closesWithTheServerAnsweringTheClose() {
		WsTestSession session = this.ws.open("/echo");
		session.close(4000, "done");
		assertThat(session.closeStatus().code()).isEqualTo(4000);
		assertThat(this.ws.openSessions()).doesNotContain(session);
	}

	@Test
	void measuresAPingRoundTrip() {
		WsTestSession session = this.ws.open("/echo");
		assertThat(session.ping()).isPositive();
		assertThat(session).receivesNothing();
	}

	@Test
	void holdsMessagesBackWhileReadingIsPaused() {
		WsTestSession session = this.ws.open("/echo");
		session.pauseReading();
		session.sendText("one").sendText("two");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> session.nextMessage(Duration.ofMillis(200)))
			.withMessage("Expected a message from /echo within 200 ms, but received nothing (reading is paused)");
		session.resumeReading();
		assertThat(session).receivesText("one").receivesText("two");
	}

	@Test
	void decodesWhatWasSaidToARecord() {
		WsTestSession session = this.ws.open("/rooms/{room}?name={name}", "attic", "ann");
		session.nextMessage();
		session.sendJson(new Say("hello"));
		assertThat(session).nextMessage()
			.decodesTo(Said.class)
			.extracting(Said::text, Said::name)
			.containsExactly("hello", "ann");
	}

}
