package dev.wsboot.security;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.security.WsSecurityAutoConfiguration;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Method security in the application's services, called by handlers: the security context
 * holds the session's authentication during every call, on a worker and on the I/O thread,
 * so a service's {@code @PreAuthorize} works as it does when a controller calls it, and a
 * denial closes the session with 1008. The application enables method security itself.
 */
class MethodSecurityInServicesTests {

	private static ConfigurableApplicationContext context;

	private static int port;

	@BeforeAll
	static void startApplication() {
		SpringApplication application = new SpringApplication(ServiceApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		context = application.run("--ws.port=0", "--ws.shutdown-timeout=1s");
		port = LocalPort.of(context);
	}

	@AfterAll
	static void stopApplication() {
		context.close();
	}

	private static RawWsClient open(String path, String token) {
		return RawWsClient.open(port, UpgradeRequest.to(path, port).header("Authorization", "Bearer " + token),
				new byte[0]);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/worker", "/inline" })
	void showsTheSessionsAuthenticationToTheServicesAHandlerCalls(String path) {
		try (RawWsClient client = open(path, TestTokens.token("alice"))) {
			client.sendText("who");
			client.expectText("alice");
			client.sendText("who");
			client.expectText("alice");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/worker", "/inline" })
	void letsAServicesRuleAdmitAUserWithTheRole(String path) {
		try (RawWsClient client = open(path, TestTokens.token("carol", "ADMIN"))) {
			client.sendText("reset");
			client.expectText("reset by carol");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/worker", "/inline" })
	void closesWith1008WhenAServiceDeniesTheUser(String path) {
		try (RawWsClient client = open(path, TestTokens.token("bob", "USER"))) {
			client.sendText("reset");
			client.expectClose(CloseCodes.POLICY_VIOLATION);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/worker", "/inline" })
	void leavesNoContextOnTheThreadAfterACall(String path) {
		try (RawWsClient client = open(path, TestTokens.token("alice"))) {
			client.sendText("who");
			client.expectText("alice");
		}
		try (RawWsClient anonymous = RawWsClient.open(port, path)) {
			anonymous.sendText("who");
			anonymous.expectText("nobody");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	@ImportAutoConfiguration({ WsAutoConfiguration.class, WsSecurityAutoConfiguration.class })
	@Import({ AccountService.class, WorkerEndpoint.class, InlineEndpoint.class })
	static class ServiceApplication {

		@Bean
		JwtDecoder jwtDecoder() {
			return TestTokens.decoder();
		}

		@Bean
		JwtAuthenticationConverter jwtAuthenticationConverter() {
			return TestTokens.converter();
		}

	}

	/** A service with method security, as the application's own. */
	static class AccountService {

		String currentUser() {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			return (authentication != null) ? authentication.getName() : "nobody";
		}

		@PreAuthorize("hasRole('ADMIN')")
		public String reset() {
			return "reset by " + currentUser();
		}

	}

	abstract static class AccountEndpoint {

		private final AccountService accounts;

		AccountEndpoint(AccountService accounts) {
			this.accounts = accounts;
		}

		@OnMessage
		String handle(String command) {
			return command.equals("reset") ? this.accounts.reset() : this.accounts.currentUser();
		}

	}

	@WsEndpoint("/worker")
	static class WorkerEndpoint extends AccountEndpoint {

		WorkerEndpoint(AccountService accounts) {
			super(accounts);
		}

	}

	@WsEndpoint(path = "/inline", nonBlocking = true)
	static class InlineEndpoint extends AccountEndpoint {

		InlineEndpoint(AccountService accounts) {
			super(accounts);
		}

	}

}
