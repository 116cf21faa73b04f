package dev.wsboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import dev.wsboot.context.LocalWsServerPort;
import dev.wsboot.demo.rooms.ClientMessage.Say;
import dev.wsboot.demo.rooms.MemberName;
import dev.wsboot.demo.rooms.RoomMessage;
import dev.wsboot.demo.rooms.RoomMessage.Said;
import dev.wsboot.demo.rooms.RoomMessage.Welcome;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.topic.WsPublishes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo as a user runs it: the whole application, its web server and its WebSocket
 * server each on a free port, spoken to by the test kit's client and, for the page, by the
 * JDK's HTTP client.
 *
 * <p>Only {@link #chatDeliversEveryMessageToEveryParticipantWithTheSendersName()} opens
 * sessions on {@code /ws}: the plain-text chat tells every session there who joins and
 * leaves, so sessions of another test, whose {@code @OnClose} may still be running, would be
 * heard in it. The other tests use {@code /echo} or rooms of their own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoApplicationTests {

	@Autowired
	WsTestClient ws;

	@Autowired
	WsPublishes publishes;

	@LocalWsServerPort
	int wsPort;

	@LocalServerPort
	int httpPort;

	@Test
	void echoesTextAsText() {
		WsTestSession session = this.ws.open("/echo");
		session.sendText("Hello, wsboot");
		assertThat(session).receivesText("Hello, wsboot");
	}

	@Test
	void echoesBinaryAsBinary() {
		WsTestSession session = this.ws.open("/echo");
		byte[] data = new byte[1 << 20];
		new Random(7).nextBytes(data);
		session.sendBinary(data);
		assertThat(session).receivesBinary(data);
	}

	@Test
	void chatDeliversEveryMessageToEveryParticipantWithTheSendersName() {
		WsTestSession alice = this.ws.open("/ws?name={name}", "Alice");
		assertThat(alice).receivesText("* Alice joined");
		WsTestSession bob = this.ws.open("/ws?name={name}", "Bob");
		assertThat(bob).receivesText("* Bob joined");
		assertThat(alice).receivesText("* Bob joined");
		bob.sendText("hi Alice");
		assertThat(alice).receivesText("Bob: hi Alice");
		assertThat(bob).receivesText("Bob: hi Alice");
		bob.close();
		assertThat(bob.closeStatus()).isEqualTo(CloseStatus.NORMAL);
		assertThat(alice).receivesText("* Bob left");
	}

	@Test
	void everyoneInTheRoomHearsWhatIsSaidAndNoOneElse() {
		// The README's example, word for word.
		WsTestSession alice = this.ws.open("/rooms/{room}?name={name}", "lobby", "alice");
		WsTestSession bob = this.ws.open("/rooms/{room}?name={name}", "lobby", "bob");
		WsTestSession carol = this.ws.open("/rooms/{room}?name={name}", "kitchen", "carol");
		for (WsTestSession member : new WsTestSession[] { alice, bob, carol }) {
			assertThat(member).nextMessage().json().extractingPath("$.type").isEqualTo("welcome");
		}
		alice.sendText("{\"type\":\"say\",\"text\":\"hi\"}");
		String said = "{type: 'said', room: 'lobby', name: 'alice', text: 'hi'}";
		assertThat(alice).nextMessage().json().isLenientlyEqualTo(said);
		assertThat(bob).nextMessage().json().isLenientlyEqualTo(said);
		assertThat(carol).receivesNothing();
	}

	@Test
	void publishesWhatIsSaidToTheRoomsTopicOnly() {
		// The README's topics example.
		WsTestSession alice = this.ws.open("/rooms/{room}?name={name}", "hall", "alice");
		WsTestSession bob = this.ws.open("/rooms/{room}?name={name}", "hall", "bob");
		this.ws.open("/rooms/{room}?name={name}", "attic", "carol");
		alice.sendJson(new Say("hi"));
		Said said = new Said("hall", new MemberName("alice"), "hi");
		assertThat(this.publishes).published("rooms.hall").hasMessage(said).reached(alice, bob);
		assertThat(this.publishes).publishedNothingTo("rooms.attic");
		assertThat(bob).nextMessage().decodesTo(RoomMessage.class).isInstanceOf(Welcome.class);
		assertThat(bob).nextMessage().decodesTo(Said.class).isEqualTo(said);
	}

	@Test
	void servesTheChatPageAndTellsItWhereTheWebSocketServerIs() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(get("/"), HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("wsboot chat");
		HttpResponse<String> info = http.send(get("/ws-info"), HttpResponse.BodyHandlers.ofString());
		assertThat(info.body()).contains("\"port\":" + this.wsPort).contains("\"path\":\"/ws\"");
	}

	@Test
	void letsTheChatPageConnectFromTheApplicationsHttpPort() {
		// The page on http://localhost:<http port> connects to ws://localhost:<ws port>/rooms/...
		WsTestSession page = this.ws.connect("/rooms/{room}?name={name}", "page", "Page")
			.origin("http://localhost:" + this.httpPort)
			.open();
		assertThat(page).receivesText("{\"type\":\"welcome\",\"room\":\"page\",\"name\":\"Page\",\"members\":1}");
		page.close();
		assertThat(page.closeStatus()).isEqualTo(CloseStatus.NORMAL);
	}

	@Test
	void refusesAPageOfAnotherSite() {
		assertThat(this.ws.connect("/ws?name=Evil").origin("https://evil.example").upgrade()).isRefused()
			.hasStatus(403);
		assertThat(this.ws.connect("/rooms/{room}?name=Evil", "page").origin("https://evil.example").upgrade())
			.isRefused()
			.hasStatus(403);
	}

	@Test
	void answersAPlainBrowserGetWithAnInformativeUpgradeRequired() {
		assertThat(this.ws.connect("/ws")
			.withoutHeader("Upgrade")
			.withoutHeader("Connection")
			.withoutHeader("Sec-WebSocket-Key")
			.withoutHeader("Sec-WebSocket-Version")
			.upgrade()).isRefused().hasStatus(426).body().contains("WebSocket");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build();
	}

}
