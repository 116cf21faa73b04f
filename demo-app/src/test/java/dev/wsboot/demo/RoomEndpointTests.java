package dev.wsboot.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.wsboot.demo.rooms.RoomEndpoint;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.test.autoconfigure.WsEndpointTest;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract of the chat rooms on {@code /rooms/{room}}, which clients outside this
 * repository rely on: the rooms endpoint alone on a free port, spoken to by the test kit's
 * client, every message compared as the exact JSON text.
 */
@WsEndpointTest(RoomEndpoint.class)
class RoomEndpointTests {

	private static final AtomicInteger roomNumbers = new AtomicInteger();

	@Autowired
	WsTestClient ws;

	@ParameterizedTest
	@ValueSource(strings = { "/rooms/Lobby", "/rooms/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "/rooms/lob_by",
			"/rooms/lob%20by", "/rooms/", "/rooms", "/rooms/lobby/more" })
	void refusesARoomOutsideItsPatternWith404BeforeTheUpgrade(String path) {
		assertThat(this.ws.connect(path + "?name=Alice").upgrade()).isRefused().hasStatus(404);
	}

	@Test
	void acceptsARoomOfThirtyTwoCharactersWithDigitsAndDashes() {
		String room = "0123456789-abcdefghijklmnopqrst-";
		assertThat(room).hasSize(32);
		assertThat(join(room, "Alice")).receivesText(welcome(room, "Alice", 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "?nom=Alice", "?name=", "?name", "?name=%20%20" })
	void refusesAnUpgradeWithoutANameWith400BeforeTheUpgrade(String query) {
		assertThat(this.ws.connect("/rooms/lobby" + query).upgrade()).isRefused().hasStatus(400);
	}

	@Test
	void welcomesEachNewMemberWithTheMembersCountingItself() {
		String room = newRoom();
		assertThat(join(room, "Alice")).receivesText(welcome(room, "Alice", 1));
		assertThat(join(room, "Bob")).receivesText(welcome(room, "Bob", 2));
		assertThat(join(room, "Carol")).receivesText(welcome(room, "Carol", 3));
	}

	@Test
	void countsMembersJoiningAtOnceOneAfterTheOther() {
		String room = newRoom();
		int joiners = 8;
		ExecutorService threads = Executors.newFixedThreadPool(joiners);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<WsTestSession>> joining = IntStream.range(0, joiners)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
					awaitQuietly(start);
					return join(room, "m" + i);
				}, threads))
				.toList();
			start.countDown();
			List<Integer> counts = new ArrayList<>();
			for (int i = 0; i < joiners; i++) {
				String welcome = joining.get(i).join().nextText();
				String prefix = "{\"type\":\"welcome\",\"room\":\"" + room + "\",\"name\":\"m" + i + "\",\"members\":";
				assertThat(welcome).startsWith(prefix).endsWith("}");
				counts.add(Integer.valueOf(welcome.substring(prefix.length(), welcome.length() - 1)));
			}
			assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void deliversWhatIsSaidToEveryMemberOfTheRoomTheSenderIncluded() {
		String room = newRoom();
		WsTestSession alice = joined(room, "Alice", 1);
		WsTestSession bob = joined(room, "Bob", 2);
		WsTestSession carol = joined(room, "Carol", 3);
		say(bob, "hi all");
		String said = said(room, "Bob", "hi all");
		assertThat(alice).receivesText(said);
		assertThat(bob).receivesText(said);
		assertThat(carol).receivesText(said);
		say(alice, "hi Bob");
		assertThat(bob).receivesText(said(room, "Alice", "hi Bob"));
	}

	@Test
	void deliversNothingToOtherRooms() {
		String room = newRoom();
		String otherRoom = newRoom();
		WsTestSession alice = joined(room, "Alice", 1);
		WsTestSession bob = joined(otherRoom, "Bob", 1);
		say(alice, "only here");
		assertThat(alice).receivesText(said(room, "Alice", "only here"));
		assertThat(bob).receivesNothing();
		// Also without the kit's view of the server: published to Alice's room before Bob says
		// anything, so had it reached Bob, it would come before his own line.
		say(bob, "marker");
		assertThat(bob).receivesText(said(otherRoom, "Bob", "marker"));
	}

	@Test
	void sendsMembersThatDidNotAskForPresenceNothingButWelcomeAndSaid() {
		String room = newRoom();
		WsTestSession alice = joined(room, "Alice", 1);
		WsTestSession bob = joined(room, "Bob", 2);
		WsTestSession carol = joined(room, "Carol", 3);
		carol.close();
		assertThat(carol.closeStatus()).isEqualTo(CloseStatus.NORMAL);
		say(bob, "who is here?");
		assertThat(alice).receivesText(said(room, "Bob", "who is here?")).receivesNothing();
		assertThat(bob).receivesText(said(room, "Bob", "who is here?")).receivesNothing();
	}

	@Test
	void tellsMembersThatAskForPresenceWhoJoinsAndLeaves() {
		String room = newRoom();
		WsTestSession alice = this.ws.open("/rooms/{room}?name={name}&presence=true", room, "Alice");
		assertThat(alice).receivesText(welcome(room, "Alice", 1));
		WsTestSession bob = joined(room, "Bob", 2);
		assertThat(alice).receivesText(presence("joined", room, "Bob", 2));
		bob.close();
		assertThat(bob.closeStatus()).isEqualTo(CloseStatus.NORMAL);
		assertThat(alice).receivesText(presence("left", room, "Bob", 1));
		WsTestSession carol = joined(room, "Carol", 2);
		assertThat(alice).receivesText(presence("joined", room, "Carol", 2));
		say(carol, "hello");
		assertThat(carol).receivesText(said(room, "Carol", "hello"));
		assertThat(alice).receivesText(said(room, "Carol", "hello"));
	}

	@Test
	void keepsTheNameAsGiven() {
		String room = newRoom();
		String name = "Ada \"Countess\" Lovelace ✓";
		// As an HTML form encodes it, spaces as '+'.
		WsTestSession ada = this.ws.open("/rooms/" + room + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
		String json = "Ada \\\"Countess\\\" Lovelace ✓";
		assertThat(ada).receivesText(
				"{\"type\":\"welcome\",\"room\":\"" + room + "\",\"name\":\"" + json + "\",\"members\":1}");
		ada.sendText("{\"type\":\"say\",\"text\":\"1 < 2 & \\\"quotes\\\"\"}");
		assertThat(ada).receivesText("{\"type\":\"said\",\"room\":\"" + room + "\",\"name\":\"" + json
				+ "\",\"text\":\"1 < 2 & \\\"quotes\\\"\"}");
	}

	@Test
	void takesANamePercentEncodedToo() {
		String room = newRoom();
		WsTestSession ada = this.ws.open("/rooms/{room}?name={name}", room, "Ada & Bob = 2");
		assertThat(ada).receivesText(welcome(room, "Ada & Bob = 2", 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"say\",\"text\":", "not json", "{\"type\":\"say\"}",
			"{\"type\":\"say\",\"text\":null}", "{\"type\":\"say\",\"text\":{\"a\":1}}", "null", "[]" })
	void closesTheSessionWith1007ForMalformedJsonOrASayWithoutText(String message) {
		String room = newRoom();
		WsTestSession alice = joined(room, "Alice", 1);
		WsTestSession bob = joined(room, "Bob", 2);
		bob.sendText(message);
		assertThat(bob).closesWith(1007);
		say(alice, "still here");
		assertThat(alice).receivesText(said(room, "Alice", "still here"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"type\":\"dance\"}", "{\"type\":\"said\",\"text\":\"hi\"}",
			"{\"type\":\"welcome\"}", "{\"type\":\"Say\",\"text\":\"hi\"}", "{\"text\":\"hi\"}", "42" })
	void closesTheSessionWith1003ForAMessageTypeItDoesNotHandleOrNone(String message) {
		WsTestSession alice = joined(newRoom(), "Alice", 1);
		alice.sendText(message);
		assertThat(alice).closesWith(1003);
	}

	@Test
	void closesTheSessionWith1003ForABinaryMessage() {
		WsTestSession alice = joined(newRoom(), "Alice", 1);
		alice.sendBinary(new byte[] { 1, 2, 3 });
		assertThat(alice).closesWith(1003);
	}

	private static String newRoom() {
		return "room-" + roomNumbers.incrementAndGet();
	}

	private WsTestSession join(String room, String name) {
		return this.ws.open("/rooms/{room}?name={name}", room, name);
	}

	/** Joins and checks the welcome, so that the next message is what follows it. */
	private WsTestSession joined(String room, String name, int members) {
		WsTestSession member = join(room, name);
		assertThat(member).receivesText(welcome(room, name, members));
		return member;
	}

	/** Says a line as a client writes it; the text must need no escaping in JSON. */
	private static void say(WsTestSession member, String text) {
		member.sendText("{\"type\":\"say\",\"text\":\"" + text + "\"}");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String welcome(String room, String name, int members) {
		return "{\"type\":\"welcome\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"members\":" + members + "}";
	}

	/** A presence notice: {@code joined} or {@code left}. */
	private static String presence(String type, String room, String name, int members) {
		return "{\"type\":\"" + type + "\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"members\":"
				+ members + "}";
	}

	private static String said(String room, String name, String text) {
		return "{\"type\":\"said\",\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"text\":\"" + text + "\"}";
	}

}
