package dev.wsboot.test.sample;

import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of the README's testing section, as a new application writes it: two members
 * of a room hear what one says, a member of another room hears nothing.
 */
@SpringBootTest
class ReadmeExampleTests {

	@Autowired
	WsTestClient ws;

	@Test
	void everyoneInTheRoomHearsWhatIsSaidAndNoOneElse() {
		WsTestSession alice = this.ws.open("/rooms/{room}?name={name}", "lobby", "alice");
		WsTestSession bob = this.ws.open("/rooms/{room}?name={name}", "lobby", "bob");
		WsTestSession carol = this.ws.open("/rooms/{room}?name={name}", "kitchen", "carol");
		for (WsTestSession member : new WsTestSession[] { alice, bob, carol }) {
			assertThat(member).nextMessage().json().extractingPath("$.type").isEqualTo("welcome");
		}
		alice.sendText("{\"type\":\"say\",\"text\":\"hi\"}");
		String said = "{type:'said', room:'lobby', name:'alice', text:'hi'}";
		assertThat(alice).nextMessage().json().isLenientlyEqualTo(said);
		assertThat(bob).nextMessage().json().isLenientlyEqualTo(said);
		assertThat(carol).receivesNothing();
	}

}
