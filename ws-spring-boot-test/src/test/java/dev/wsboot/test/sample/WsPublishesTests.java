package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.sample.RoomMessages.Said;
import dev.wsboot.test.sample.RoomMessages.Say;
import dev.wsboot.test.topic.WsPublishes;
import dev.wsboot.topic.DefaultWsTopics;
import dev.wsboot.topic.WsTopics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What was published to which topic, and whom it reached, asserted without a client per
 * subscriber.
 */
@SpringBootTest
class WsPublishesTests {

	@Autowired
	WsTestClient ws;

	@Autowired
	WsPublishes publishes;

	@Autowired
	WsTopics topics;

	@Test
	void recordsAPublishWithTheSessionsItReachedAndNoneToOtherTopics() {
		WsTestSession alice = join("lobby", "alice");
		WsTestSession bob = join("lobby", "bob");
		join("kitchen", "carol");
		alice.sendJson(new Say("hi"));
		assertThat(this.publishes).published("rooms.lobby")
			.hasMessage(new Said("lobby", "alice", "hi"))
			.reached(alice, bob)
			.wasQueuedFor(2);
		assertThat(this.publishes).publishedNothingTo("rooms.kitchen").publishedNothingMore();
	}

	@Test
	void takesThePublishesOfATopicInOrder() {
		WsTestSession alice = join("den", "alice");
		alice.sendJson(new Say("one")).sendJson(new Say("two"));
		assertThat(this.publishes).published("rooms.den").messageOfType(Said.class).extracting(Said::text).isEqualTo("one");
		assertThat(this.publishes).published("rooms.den").messageOfType(Said.class).extracting(Said::text).isEqualTo("two");
		assertThat(this.publishes.to("rooms.den")).hasSize(2);
	}

	@Test
	void waitsForAPublishAHandlerStillRunningMakes() {
		WsTestSession alice = join("garden", "alice");
		alice.sendJson(new Say(EchoEndpoint.SLOWLY + "hi"));
		assertThat(this.publishes).published("rooms.garden").messageOfType(Said.class).extracting(Said::text)
			.isEqualTo(EchoEndpoint.SLOWLY + "hi");
	}

	@Test
	void seesAPublishAHandlerStillRunningMakesWhereNoneWasExpected() {
		WsTestSession alice = join("yard", "alice");
		alice.sendJson(new Say(EchoEndpoint.SLOWLY + "hi"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.publishes).publishedNothingTo("rooms.yard"))
			.withMessageContaining("Expected no publish to \"rooms.yard\", but found")
			.withMessageContaining("to \"rooms.yard\": Said[room=yard, name=alice, text=slowly:hi] (for [/rooms/yard?name=alice])");
	}

	@Test
	void aSessionThatWasNotReachedIsShown() {
		WsTestSession alice = join("hall", "alice");
		WsTestSession carol = join("attic", "carol");
		alice.sendJson(new Say("hi"));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.publishes).published("rooms.hall").reached(alice, carol))
			.withMessageContaining("to reach [/rooms/hall?name=alice, /rooms/attic?name=carol], but it was for"
					+ " [/rooms/hall?name=alice]");
	}

	@Test
	void leavesTheTopicsADefaultWsTopicsForTheServer() {
		assertThat(this.topics).isInstanceOf(DefaultWsTopics.class);
	}

	private WsTestSession join(String room, String name) {
		WsTestSession session = this.ws.open("/rooms/{room}?name={name}", room, name);
		session.nextMessage();
		return session;
	}

}
