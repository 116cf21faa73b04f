package dev.wsboot.demo;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.wsboot.context.LocalWsServerPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the chat rooms on {@code /rooms/{room}}, which clients outside this
 * repository rely on: the demo application on random ports, spoken to by the JDK's
 * WebSocket client, every message compared as the exact JSON text.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
class RoomEndpointTests {

	private static final AtomicInteger roomNumbers = new AtomicInteger();

	@LocalWsServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/rooms/Lobby", "/rooms/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/rooms/lob_by",
			"/rooms/lob%20by", "/rooms/", "/rooms", "/rooms/lobby/more" })
	void refusesARoomOutsideItsPatternWith404BeforeTheUpgrade(String path) {
		assertThat(WsClient.refusal(this.port, path + "?name=Alice")).isEqualTo(404);
	}

	@Test
	void acceptsARoomOfThirtyTwoCharactersWithDigitsAndDashes() throws Exception {
		String room = "0123456789-abcdefghijklmnopqrst-";
		assertThat(room).hasSize(32);
		WsClient alice = WsClient.connect(this.port, "/rooms/" + room + "?name=Alice");
		assertThat(alice.nextText()).isEqualTo(welcome(room, "Alice", 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "?nom=Alice", "?name=", "?name", "?name=%20%20" })
	void refusesAnUpgradeWithoutANameWith400BeforeTheUpgrade(String query) {
		assertThat(WsClient.refusal(this.port, "/rooms/lobby" + query)).isEqualTo(400);
	}

	@Test
	void welcomesEachNewMemberWithTheMembersCountingItself() throws Exception {
		String room = newRoom();
		WsClient alice = join(room, "Alice");
		assertThat(alice.nextText()).isEqualTo(welcome(room, "Alice", 1));
		WsClient bob = join(room, "Bob");
		assertThat(bob.nextText()).isEqualTo(welcome(room, "Bob", 2));
		WsClient carol = join(room, "Carol");
		assertThat(carol.nextText()).isEqualTo(welcome(room, "Carol", 3));
	}

	@Test
	void countsMembersJoiningAtOnceOneAfterTheOther() throws Exception {
		String room = newRoom();
		List<CompletableFuture<WsClient>> joining = IntStream.range(0, 8)
			.mapToObj((i) -> WsClient.connectAsync(this.port, "/rooms/" + room + "?name=m" + i))
			.toList();
		List<Integer> counts = new ArrayList<>();
		for (int i = 0; i < joining.size(); i++) {
			String welcome = joining.get(i).join().nextText();
			String prefix = "{\"type\":\"welcome\",\"room\":\"" + room + "\",\"name\":\"m" + i + "\",\"members\":";
			assertThat(welcome).startsWith(prefix).endsWith("}");
			counts.add(Integer.valueOf(welcome.substring(prefix.length(), welcome.length() - 1)));
		}
		assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
	}

	@Test
	void deliversWhatIsSaidToEveryMemberOfTheRoomTheSenderIncluded() throws Exception {
		String room = newRoom();
		WsClient alice = joined(room, "Alice", 1);
		WsClient bob = joined(room, "Bob", 2);
		WsClient carol = joined(room, "Carol", 3);
		bob.send("{\"type\":\"say\",\"text\":\"hi all\"}");
		String said = said(room, "Bob", "hi all");
		assertThat(alice.nextText()).isEqualTo(said);
		assertThat(bob.nextText()).isEqualTo(said);
		assertThat(carol.nextText()).isEqualTo(said);
		alice.send("{\"type\":\"say\",\"text\":\"hi Bob\"}");
		assertThat(bob.nextText()).isEqualTo(said(room, "Alice", "hi Bob"));
	}

	@Test
	void deliversNothingToOtherRooms() throws Exception {
		String room = newRoom();
		String otherRoom = newRoom();
		WsClient alice = joined(room, "Alice", 1);
		WsClient bob = joined(otherRoom, "Bob", 1);
		alice.send("{\"type\":\"say\",\"text\":\"only here\"}");
		assertThat(alice.nextText()).isEqualTo(said(room, "Alice", "only here"));
		// Published to Alice's room before Bob says anything: had it reached Bob, it would come first.
		bob.send("{\"type\":\"say\",\"text\":\"marker\"}");
		assertThat(bob.nextText()).isEqualTo(said(otherRoom, "Bob", "marker"));
	}

	@Test
	void sendsMembersThatDidNotAskForPresenceNothingButWelcomeAndSaid() throws Exception {
		String room = newRoom();
		WsClient alice = joined(room, "Alice", 1);
		WsClient bob = joined(room, "Bob", 2);
		WsClient carol = joined(room, "Carol", 3);
		assertThat(carol.close()).isEqualTo(1000);
		bob.send("{\"type\":\"say\",\"text\":\"who is here?\"}");
		assertThat(alice.nextText()).isEqualTo(said(room, "Bob", "who is here?"));
	}

	@Test
	void tellsMembersThatAskForPresenceWhoJoinsAndLeaves() throws Exception {
		String room = newRoom();
		WsClient alice = WsClient.connect(this.port, "/rooms/" + room + "?name=Alice&presence=true");
		assertThat(alice.nextText()).isEqualTo(welcome(room, "Alice", 1));
		WsClient bob = joined(room, "Bob", 2);
		assertThat(alice.nextText()).isEqualTo("{\"type\":\"joined\",\"room\":\"" + room + "\",\"name\":\"Bob\",\"members\":2}");
		assertThat(bob.close()).isEqualTo(1000);
		assertThat(alice.nextText()).isEqualTo("{\"type\":\"left\",\"room\":\"" + room + "\",\"name\":\"Bob\",\"members\":1}");
		WsClient carol = joined(room, "Carol", 2);
		assertThat(alice.nextText()).isEqualTo("{\"type\":\"joined\",\"room\":\"" + room + "\",\"name\":\"Carol\",\"members\":2}");
		carol.send("{\"type\":\"say\",\"text\":\"hello\"}");
		assertThat(carol.nextText()).isEqualTo(said(room, "Carol", "hello"));
		assertThat(alice.nextText()).isEqualTo(said(room, "Carol", "hello"));
	}

	@Test
	void keepsTheNameAsGiven() throws Exception {
		String room = newRoom();
		String name = "Ada \"Countess\" Lovelace ✓";
		WsClient ada = WsClient.connect(this.port,
				"/rooms/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
		String json = "Ada \\\"Countess\\\" Lovelace ✓";
		assertThat(ada.nextText()).isEqualTo("{\"type\":\"welcome\",\"room\":\"" + room + "\",\"name\":\"" + json
				+ "\",\"members\":1}");
		ada.send("{\"type\":\"say\",\"text\":\"1 < 2 & \\\"quotes\\\"\"}");
		assertThat(ada.nextText()).isEqualTo("{\"type\":\"said\",\"room\":\"" + room + "\",\"name\":\"" + json
				+ "\",\"text\":\"1 < 2 & \\\"quotes\\\"\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"say\",\"text\":", "not json", "{\"type\":\"say\"}",
			"{\"type\":\"say\",\"text\":null}", "{\"type\":\"say\",\"text\":{\"a\":1}}", "null", "[]" })
	void closesTheSessionWith1007ForMalformedJsonOrASayWithoutText(String message) throws Exception {
		String room = newRoom();
		WsClient alice = joined(room, "Alice", 1);
		WsClient bob = joined(room, "Bob", 2);
		bob.send(message);
		assertThat(bob.awaitClose()).isEqualTo(1007);
		alice.send("{\"type\":\"say\",\"text\":\"still here\"}");
		assertThat(alice.nextText()).isEqualTo(said(room, "Alice", "still here"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"dance\"}", "{\"type\":\"said\",\"text\":\"hi\"}",
			"{\"type\":\"welcome\"}", "{\"type\":\"Say\",\"text\":\"hi\"}", "{\"text\":\"hi\"}", "42" })
	void closesTheSessionWith1003ForAMessageTypeItDoesNotHandleOrNone(String message) throws Exception {
		WsClient alice = joined(newRoom(), "Alice", 1);
		alice.send(message);
		assertThat(alice.awaitClose()).isEqualTo(1003);
	}

	@Test
	void closesTheSessionWith1003ForABinaryMessage() throws Exception {
		WsClient alice = joined(newRoom(), "Alice", 1);
		alice.socket().sendBinary(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), true).join();
		assertThat(alice.awaitClose()).isEqualTo(1003);
	}

	private static String newRoom() {
		return "room-" + roomNumbers.incrementAndGet();
	}

	private WsClient join(String room, String name) {
		return WsClient.connect(this.port, "/rooms/" + room + "?name=" + name);
	}

	/** Joins and checks the welcome, so that the next message is what follows it. */
	private WsClient joined(String room, String name, int members) throws InterruptedException {
		WsClient client = join(room, name);
		assertThat(client.nextText()).isEqualTo(welcome(room, name, members));
		return client;
	}

	private static String welcome(String room, String name, int members) {
		return "{\"type\":\"welcome\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"members\":" + members + "}";
	}

	private static String said(String room, String name, String text) {
		return "{\"type\":\"said\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"text\":\"" + text + "\"}";
	}

}
