package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.sample.RoomMessages.Say;
import dev.wsboot.test.topic.WsPublishes;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each test starts with no session of an earlier test open and no publish recorded, though
 * they share the application context.
 */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CleanSlateTests {

	private static WsTestSession earlier;

	@Autowired
	WsTestClient ws;

	@Autowired
	WsPublishes publishes;

	@Test
	@Order(1)
	void opensASessionAndPublishes() {
		earlier = this.ws.open("/rooms/{room}?name={name}", "loft", "ann");
		earlier.nextMessage();
		earlier.sendJson(new Say("hi"));
		assertThat(this.publishes).published("rooms.loft");
		earlier.sendJson(new Say("again"));
	}

	@Test
	@Order(2)
	void findsTheEarlierSessionClosedAndNoPublishRecorded() {
		assertThat(earlier.isOpen()).isFalse();
		assertThat(earlier.closeStatus().code()).isEqualTo(1000);
		assertThat(this.ws.openSessions()).doesNotContain(earlier);
		assertThat(this.publishes.all()).isEmpty();
	}

}
