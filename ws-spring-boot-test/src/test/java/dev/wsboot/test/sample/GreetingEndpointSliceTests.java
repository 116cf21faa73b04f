package dev.wsboot.test.sample;

import dev.wsboot.context.LocalWsServerPort;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.autoconfigure.WsEndpointTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The endpoint slice with one endpoint listed: only it, its mocked collaborator, and what
 * shapes how endpoints are served.
 */
@WsEndpointTest(GreetingEndpoint.class)
class GreetingEndpointSliceTests {

	@Autowired
	WsTestClient ws;

	@Autowired
	ApplicationContext context;

	@LocalWsServerPort
	int port;

	@MockitoBean
	Greeter greeter;

	@Test
	void servesTheEndpointWithItsMockedCollaboratorOnAFreePort() {
		given(this.greeter.greet("ann")).willReturn("Hi, ann");
		WsTestSession session = this.ws.open("/greet");
		session.sendText("ann");
		assertThat(session).receivesText("Hi, ann");
		assertThat(this.port).isNotEqualTo(8081);
	}

	@Test
	void leavesOtherEndpointsAndComponentsOut() {
		assertThat(this.ws.connect("/echo").upgrade()).isRefused().hasStatus(404);
		assertThat(this.context.getBeanNamesForType(EchoEndpoint.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RoomEndpoint.class)).isEmpty();
	}

	@Test
	void includesTheSecurityOfTheUpgrade() {
		assertThat(this.context.getBeanNamesForType(BearerTokenHandshake.class)).hasSize(1);
	}

}
