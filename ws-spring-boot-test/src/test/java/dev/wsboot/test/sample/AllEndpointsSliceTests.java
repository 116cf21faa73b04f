package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.autoconfigure.WsEndpointTest;
import dev.wsboot.test.sample.RoomMessages.Say;
import dev.wsboot.test.topic.WsPublishes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mockingDetails;

/**
 * The endpoint slice with no endpoint listed: every endpoint, JSON with the application's
 * mapper, the upgrade's security, topics and their recorded publishes; no other component.
 */
@WsEndpointTest(properties = "ws.test.timeout=3s")
class AllEndpointsSliceTests {

	@Autowired
	WsTestClient ws;

	@Autowired
	WsPublishes publishes;

	@Autowired
	ApplicationContext context;

	@MockitoBean
	Greeter greeter;

	@Test
	void servesEveryEndpointWithJsonAndTopics() {
		WsTestSession session = this.ws.open("/rooms/{room}?name={name}", "lobby", "ann");
		assertThat(session).nextMessage().json().isLenientlyEqualTo("{type: 'welcome', members: 1}");
		session.sendJson(new Say("hi"));
		assertThat(session).nextMessage().json().extractingPath("$.text").isEqualTo("hi");
		assertThat(this.publishes).published("rooms.lobby").reached(session);
	}

	@Test
	void refusesUpgradesAsTheApplicationsHandshakeHandlerDoes() {
		assertThat(this.ws.connect("/secure").upgrade()).isRefused().hasStatus(401);
		assertThat(this.ws.connect("/secure").bearerToken("let-me-in").open()).receivesText("in");
	}

	@Test
	void takesItsPropertiesAndTheKitsTimeoutFromThem() {
		assertThat(this.ws.timeout()).hasSeconds(3);
	}

	@Test
	void leavesComponentsThatAreNotAboutEndpointsOut() {
		assertThat(this.context.getBeansOfType(Greeter.class).values()).singleElement()
			.satisfies((greeter) -> assertThat(mockingDetails(greeter).isMock()).isTrue());
	}

}
