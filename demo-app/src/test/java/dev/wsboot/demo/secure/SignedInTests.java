package dev.wsboot.demo.secure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.test.client.WsTestClient;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.client.WsUpgradeResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's security contract, as clients outside this repository rely on it: tokens from
 * {@code GET /api/token}, {@code /private} for any valid one in either carrier,
 * {@code /admin} for the role {@code ADMIN}, 401 with {@code WWW-Authenticate: Bearer}
 * before the upgrade for a missing, forged or expired token, and 1008 when a token expires
 * during a session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignedInTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int httpPort;

	@Autowired
	WsTestClient ws;

	private String token(String query) throws Exception {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/api/token?" + query)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/plain"));
		return response.body();
	}

	private static void assertUnauthorized(WsUpgradeResponse response) {
		assertThat(response).isRefused().hasStatus(401).hasHeader("WWW-Authenticate", "Bearer");
	}

	@Test
	void issuesASignedJwtAsText() throws Exception {
		String token = token("user=alice");
		assertThat(token.split("\\.")).hasSize(3);
	}

	@Test
	void greetsTheUserOfATokenInTheAuthorizationHeader() throws Exception {
		WsTestSession session = this.ws.connect("/private").bearerToken(token("user=alice")).open();
		assertThat(session).nextMessage().json().isStrictlyEqualTo("{\"type\":\"hello\",\"user\":\"alice\"}");
	}

	@Test
	void greetsTheUserOfATokenOfferedAsSubprotocolAndSelectsDemoV1() throws Exception {
		String token = token("user=bob");
		WsUpgradeResponse response = this.ws.connect("/private").subprotocols("demo.v1", "bearer." + token).upgrade();
		assertThat(response).isAccepted().hasSubprotocol("demo.v1");
		assertThat(response.headers().toString()).doesNotContain(token);
		assertThat(response.session()).nextMessage()
			.json()
			.isStrictlyEqualTo("{\"type\":\"hello\",\"user\":\"bob\"}");
	}

	@Test
	void refusesAnUpgradeWithoutTokenBeforeTheUpgrade() {
		assertUnauthorized(this.ws.connect("/private").upgrade());
		assertUnauthorized(this.ws.connect("/private").subprotocols("demo.v1").upgrade());
	}

	@Test
	void refusesATokenWithABadSignature() throws Exception {
		String token = token("user=mallory");
		String[] parts = token.split("\\.");
		String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
		assertUnauthorized(this.ws.connect("/private").bearerToken(forged).upgrade());
		assertUnauthorized(this.ws.connect("/private").subprotocols("demo.v1", "bearer." + forged).upgrade());
	}

	@Test
	void refusesAnExpiredToken() throws Exception {
		String expired = token("user=alice&ttl=-60");
		assertUnauthorized(this.ws.connect("/private").bearerToken(expired).upgrade());
		assertUnauthorized(this.ws.connect("/private").subprotocols("demo.v1", "bearer." + expired).upgrade());
	}

	@Test
	void admitsAnAdminToAdminAndRefusesOtherUsersWith403() throws Exception {
		WsTestSession admin = this.ws.connect("/admin").bearerToken(token("user=carol&role=ADMIN")).open();
		assertThat(admin).nextMessage().json().isStrictlyEqualTo("{\"type\":\"hello\",\"user\":\"carol\"}");
		assertThat(this.ws.connect("/admin").bearerToken(token("user=dave&role=USER")).upgrade()).isRefused()
			.hasStatus(403);
		assertThat(this.ws.connect("/admin").bearerToken(token("user=erin")).upgrade()).isRefused().hasStatus(403);
		assertUnauthorized(this.ws.connect("/admin").upgrade());
	}

	@Test
	void closesASessionWith1008WhenItsTokenExpires() throws Exception {
		WsTestSession session = this.ws.connect("/private")
			.subprotocols("demo.v1", "bearer." + token("user=frank&ttl=2"))
			.timeout(Duration.ofSeconds(10))
			.open();
		assertThat(session).nextMessage().json().isStrictlyEqualTo("{\"type\":\"hello\",\"user\":\"frank\"}");
		assertThat(session).closesWith(CloseCodes.POLICY_VIOLATION);
	}

	@Test
	void leavesTheOtherEndpointsOpen() {
		WsTestSession echo = this.ws.open("/echo");
		echo.sendText("still open");
		assertThat(echo).receivesText("still open");
		assertThat(this.ws.connect("/rooms/{room}?name={name}", "lobby", "ann").upgrade()).isAccepted();
		assertThat(this.ws.connect("/ws?name=ann").upgrade()).isAccepted();
	}

}
