package dev.wsboot.security;

import java.security.Principal;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import dev.wsboot.endpoint.OnError;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.ServerFrame;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import dev.wsboot.topic.WsTopics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security on the upgrade and on each message, end to end, with real signed JWTs
 * and an application that has a {@link JwtDecoder} bean and no method security of its own:
 * every carrier of the token, every way a token fails, endpoint rules at the handshake,
 * method rules per message, the principal in handler parameters, and the session closed
 * when its token expires.
 */
class SecuredEndpointsTests {

	static final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void startApplication() {
		SpringApplication application = new SpringApplication(SecuredApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		context = application.run("--ws.port=0", "--ws.shutdown-timeout=1s",
				"--ws.security.token-query-parameter=access_token");
		port = LocalPort.of(context);
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	private static UpgradeRequest upgrade(String path) {
		return UpgradeRequest.to(path, port);
	}

	private static HttpResponse refusal(UpgradeRequest request) {
		try (RawWsClient client = RawWsClient.connect(port)) {
			client.send(request.bytes());
			HttpResponse response = client.readHttpResponse();
			assertThat(response.header("Sec-WebSocket-Accept")).isNull();
			client.expectEof();
			return response;
		}
	}

	private static void assertUnauthorized(UpgradeRequest request) {
		HttpResponse response = refusal(request);
		assertThat(response.status()).as("%s", response).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Nested
	class Carriers {

		@Test
		void acceptsATokenInTheAuthorizationHeader() {
			UpgradeRequest request = upgrade("/private").header("Authorization", "Bearer " + TestTokens.token("alice"));
			try (RawWsClient client = RawWsClient.open(port, request, new byte[0])) {
				client.expectText("hello alice");
			}
		}

		@Test
		void acceptsATokenOfferedAsSubprotocolAndSelectsTheRealOneNeverEchoingTheToken() {
			String token = TestTokens.token("alice");
			UpgradeRequest request = upgrade("/private").header("Sec-WebSocket-Protocol", "demo.v1, bearer." + token);
			try (RawWsClient client = RawWsClient.connect(port)) {
				HttpResponse response = client.upgrade(request);
				assertThat(response.status()).isEqualTo(101);
				assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo("demo.v1");
				assertThat(response.headers().toString()).doesNotContain(token);
				client.expectText("hello alice");
			}
		}

		@Test
		void acceptsATokenInTheQueryParameterTheApplicationNamed() {
			String path = "/private?access_token=" + TestTokens.token("alice");
			try (RawWsClient client = RawWsClient.open(port, path)) {
				client.expectText("hello alice");
			}
		}

		@Test
		void refusesATokenOfferedAsTheOnlySubprotocolWith400() {
			UpgradeRequest request = upgrade("/private").header("Sec-WebSocket-Protocol",
					"bearer." + TestTokens.token("alice"));
			assertThat(refusal(request).status()).isEqualTo(400);
		}

		@Test
		void refusesATokenSentTwoWaysWith400() {
			String token = TestTokens.token("alice");
			UpgradeRequest request = upgrade("/private").header("Authorization", "Bearer " + token)
				.header("Sec-WebSocket-Protocol", "demo.v1, bearer." + token);
			assertThat(refusal(request).status()).isEqualTo(400);
		}

	}

	@Nested
	class Refusals {

		@Test
		void refusesAnUpgradeWithoutTokenWith401() {
			assertUnauthorized(upgrade("/private"));
		}

		@Test
		void refusesATokenWithABadSignatureWith401() {
			assertUnauthorized(upgrade("/private").header("Authorization", "Bearer " + TestTokens.forged("alice")));
		}

		@Test
		void refusesAnExpiredTokenWith401() {
			String expired = TestTokens.token("alice", Duration.ofSeconds(-5));
			assertUnauthorized(upgrade("/private").header("Authorization", "Bearer " + expired));
			assertUnauthorized(upgrade("/private").header("Sec-WebSocket-Protocol", "demo.v1, bearer." + expired));
		}

		@ParameterizedTest
		@ValueSource(strings = { "Bearer", "Bearer ", "Bearer not-a-jwt" })
		void refusesAMalformedTokenWith401(String authorization) {
			assertUnauthorized(upgrade("/private").header("Authorization", authorization));
		}

		@Test
		void refusesAnInvalidTokenWith401EvenWhereAnonymousClientsAreWelcome() {
			assertUnauthorized(upgrade("/open").header("Authorization", "Bearer " + TestTokens.forged("alice")));
		}

		@Test
		void refusesAUserWithoutTheRoleWith403() {
			HttpResponse response = refusal(
					upgrade("/admin").header("Authorization", "Bearer " + TestTokens.token("bob", "USER")));
			assertThat(response.status()).isEqualTo(403);
		}

		@Test
		void refusesAnAnonymousClientWhereARoleIsNeededWith401() {
			assertUnauthorized(upgrade("/admin"));
		}

		@Test
		void admitsAUserWithTheRole() {
			UpgradeRequest request = upgrade("/admin").header("Authorization",
					"Bearer " + TestTokens.token("carol", "ADMIN"));
			try (RawWsClient client = RawWsClient.open(port, request, new byte[0])) {
				client.expectText("admin carol");
			}
		}

		@Test
		void checksSecuredOnTheEndpointClass() {
			assertThat(refusal(upgrade("/secured").header("Authorization", "Bearer " + TestTokens.token("bob", "USER")))
				.status()).isEqualTo(403);
			UpgradeRequest admin = upgrade("/secured").header("Authorization",
					"Bearer " + TestTokens.token("carol", "ADMIN"));
			try (RawWsClient client = RawWsClient.open(port, admin, new byte[0])) {
				client.expectText("secured carol");
			}
		}

		@Test
		void evaluatesTheRuleWithTheUpgradeAtHand() {
			String alice = "Bearer " + TestTokens.token("alice");
			assertThat(refusal(upgrade("/users/bob").header("Authorization", alice)).status()).isEqualTo(403);
			try (RawWsClient client = RawWsClient.open(port, upgrade("/users/alice").header("Authorization", alice),
					new byte[0])) {
				client.expectText("inbox of alice");
			}
		}

	}

	@Nested
	class Sessions {

		@Test
		void handsThePrincipalToHandlerParameters() {
			UpgradeRequest request = upgrade("/private").header("Authorization",
					"Bearer " + TestTokens.token("alice", "USER", "ADMIN"));
			try (RawWsClient client = RawWsClient.open(port, request, new byte[0])) {
				client.expectText("hello alice");
				client.sendText("hi");
				client.expectText("alice [USER, ADMIN]: hi");
			}
		}

		@Test
		void welcomesAnonymousClientsWhereNoRuleIsDeclared() {
			try (RawWsClient client = RawWsClient.open(port, "/open")) {
				client.expectText("hello anonymous");
			}
			UpgradeRequest request = upgrade("/open").header("Authorization", "Bearer " + TestTokens.token("alice"));
			try (RawWsClient client = RawWsClient.open(port, request, new byte[0])) {
				client.expectText("hello alice");
			}
		}

		@Test
		void findsTheSessionsOfAUserByTheirNameAndSendsToThemAll() {
			WsSessionRegistry registry = context.getBean(WsSessionRegistry.class);
			WsTopics topics = context.getBean(WsTopics.class);
			UpgradeRequest first = upgrade("/private").header("Authorization", "Bearer " + TestTokens.token("dave"));
			UpgradeRequest second = upgrade("/open").header("Authorization", "Bearer " + TestTokens.token("dave"));
			UpgradeRequest other = upgrade("/open").header("Authorization", "Bearer " + TestTokens.token("fred"));
			try (RawWsClient one = RawWsClient.open(port, first, new byte[0]);
					RawWsClient two = RawWsClient.open(port, second, new byte[0]);
					RawWsClient fred = RawWsClient.open(port, other, new byte[0])) {
				one.expectText("hello dave");
				two.expectText("hello dave");
				fred.expectText("hello fred");
				assertThat(registry.sessionsOf("dave")).hasSize(2)
					.allSatisfy((session) -> assertThat(session.principal()).isInstanceOf(Authentication.class));
				assertThat(topics.sendToUser("dave", "for dave only")).isEqualTo(2);
				one.expectText("for dave only");
				two.expectText("for dave only");
				fred.expectNoFrameWithin(Duration.ofMillis(100));
			}
			TestWsServer.eventually().until(() -> registry.sessionsOf("dave").isEmpty());
			assertThat(topics.sendToUser("dave", "gone")).isZero();
		}

		@Test
		void checksAMethodRulePerMessageAndClosesWith1008WhenItDenies() throws Exception {
			UpgradeRequest admin = upgrade("/ops").header("Authorization", "Bearer " + TestTokens.token("carol", "ADMIN"));
			try (RawWsClient client = RawWsClient.open(port, admin, new byte[0])) {
				client.sendText("shutdown");
				client.expectText("done by carol");
			}
			errors.clear();
			UpgradeRequest user = upgrade("/ops").header("Authorization", "Bearer " + TestTokens.token("bob", "USER"));
			try (RawWsClient client = RawWsClient.open(port, user, new byte[0])) {
				client.sendText("shutdown");
				ServerFrame close = client.expectClose(CloseCodes.POLICY_VIOLATION);
				assertThat(close.closeReason()).isEqualTo("Access denied");
			}
			assertThat(errors.poll(TestWsServer.AWAIT.toMillis(), TimeUnit.MILLISECONDS))
				.isInstanceOf(AccessDeniedException.class);
		}

		@Test
		void closesASessionWith1008WhenItsTokenExpires() {
			UpgradeRequest request = upgrade("/private").header("Authorization",
					"Bearer " + TestTokens.token("erin", Duration.ofSeconds(2)));
			try (RawWsClient client = RawWsClient.open(port, request, new byte[0])) {
				client.expectText("hello erin");
				client.sendText("still here");
				client.expectText("erin []: still here");
				ServerFrame close = client.timeout(Duration.ofSeconds(10)).expectClose(CloseCodes.POLICY_VIOLATION);
				assertThat(close.closeReason()).isEqualTo("Credentials expired");
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WsAutoConfiguration.class, WsSecurityAutoConfiguration.class })
	@Import({ PrivateEndpoint.class, AdminEndpoint.class, SecuredEndpoint.class, OpsEndpoint.class,
			OpenEndpoint.class, InboxEndpoint.class })
	static class SecuredApplication {

		@Bean
		JwtDecoder jwtDecoder() {
			return TestTokens.decoder();
		}

		@Bean
		JwtAuthenticationConverter jwtAuthenticationConverter() {
			return TestTokens.converter();
		}

	}

	@WsEndpoint(path = "/private", subprotocols = "demo.v1")
	@PreAuthorize("isAuthenticated()")
	static class PrivateEndpoint {

		@OnOpen
		void hello(WsSession session, Principal principal) {
			session.sendText("hello " + principal.getName());
		}

		@OnMessage
		String echo(String text, Authentication authentication, @AuthenticationPrincipal Jwt jwt) {
			return authentication.getName() + " " + jwt.getClaimAsStringList("roles") + ": " + text;
		}

	}

	@WsEndpoint("/admin")
	@PreAuthorize("hasRole('ADMIN')")
	static class AdminEndpoint {

		@OnOpen
		void hello(WsSession session) {
			session.sendText("admin " + session.principal().getName());
		}

	}

	@WsEndpoint("/secured")
	@Secured("ROLE_ADMIN")
	static class SecuredEndpoint {

		@OnOpen
		void hello(WsSession session) {
			session.sendText("secured " + session.principal().getName());
		}

	}

	@WsEndpoint("/ops")
	@PreAuthorize("isAuthenticated()")
	static class OpsEndpoint {

		@OnMessage
		@PreAuthorize("hasRole('ADMIN')")
		String shutdown(String text, Principal principal) {
			return "done by " + principal.getName();
		}

		@OnError
		void failed(AccessDeniedException ex) {
			errors.add(ex);
		}

	}

	@WsEndpoint("/open")
	static class OpenEndpoint {

		@OnOpen
		void hello(WsSession session, @Nullable Principal principal) {
			session.sendText("hello " + ((principal != null) ? principal.getName() : "anonymous"));
		}

	}

	@WsEndpoint("/users/{user}")
	@PreAuthorize("#upgrade.pathVariables['user'] == authentication.name")
	static class InboxEndpoint {

		@OnOpen
		void hello(WsSession session) {
			session.sendText("inbox of " + session.pathVariables().get("user"));
		}

	}

}
