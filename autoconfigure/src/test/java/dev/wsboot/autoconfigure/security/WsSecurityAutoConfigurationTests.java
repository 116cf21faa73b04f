package dev.wsboot.autoconfigure.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.security.AuthenticationArgumentResolver;
import dev.wsboot.security.CredentialExpiry;
import dev.wsboot.security.SecuredMethodGuard;
import dev.wsboot.security.SecurityContextRouteCustomizer;
import dev.wsboot.security.WsSecurityHandshakeInterceptor;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.HttpResponse;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.UpgradeRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When {@link WsSecurityAutoConfiguration} applies, and with which authenticator: the
 * application's {@link AuthenticationManager} first, none without one (and then a rule is
 * still enforced), nothing at all when turned off or without Spring Security.
 */
class WsSecurityAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsSecurityAutoConfiguration.class))
		.withUserConfiguration(MemberEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void appliesSpringSecurityToTheEndpoints() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(WsSecurityHandshakeInterceptor.class)
			.hasSingleBean(SecurityContextRouteCustomizer.class)
			.hasSingleBean(SecuredMethodGuard.class)
			.hasSingleBean(AuthenticationArgumentResolver.class)
			.hasSingleBean(CredentialExpiry.class));
	}

	@Test
	void backsOffWhenTurnedOff() {
		this.contextRunner.withPropertyValues("ws.security.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsSecurityHandshakeInterceptor.class)
				.doesNotHaveBean(SecurityContextRouteCustomizer.class));
	}

	@Test
	void backsOffWithoutSpringSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WsSecurityHandshakeInterceptor.class));
	}

	@Test
	void authenticatesWithTheApplicationsAuthenticationManager() {
		this.contextRunner.withUserConfiguration(OpaqueTokens.class).run((context) -> {
			int port = context.getBean(WsServerBootstrap.class).getServer().port();
			UpgradeRequest request = UpgradeRequest.to("/members", port).header("Authorization", "Bearer letmein");
			try (RawWsClient client = RawWsClient.open(port, request, new byte[0])) {
				client.expectText("member frank");
			}
			assertThat(status(port, "Bearer wrong")).isEqualTo(401);
		});
	}

	@Test
	void refusesEveryUpgradeARuleWantsAuthenticatedWhenNothingCanAuthenticate() {
		this.contextRunner.run((context) -> {
			int port = context.getBean(WsServerBootstrap.class).getServer().port();
			assertThat(status(port, "Bearer letmein")).isEqualTo(401);
			assertThat(status(port, null)).isEqualTo(401);
		});
	}

	private static int status(int port, @Nullable String authorization) {
		UpgradeRequest request = UpgradeRequest.to("/members", port);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try (RawWsClient client = RawWsClient.connect(port)) {
			HttpResponse response = client.upgrade(request);
			return response.status();
		}
	}

	@WsEndpoint("/members")
	@PreAuthorize("isAuthenticated()")
	static class MemberEndpoint {

		@OnOpen
		void hello(WsSession session) {
			session.sendText("member " + session.principal().getName());
		}

	}

	/** An application that introspects opaque tokens itself: only "letmein" is frank's. */
	@Configuration(proxyBeanMethods = false)
	static class OpaqueTokens {

		@Bean
		AuthenticationManager authenticationManager() {
			return (authentication) -> {
				if (!"letmein".equals(authentication.getCredentials())) {
					throw new BadCredentialsException("Unknown token");
				}
				Instant now = Instant.now();
				OAuth2AccessToken token = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "letmein", now,
						now.plus(Duration.ofMinutes(5)));
				DefaultOAuth2AuthenticatedPrincipal principal = new DefaultOAuth2AuthenticatedPrincipal("frank",
						Map.of("sub", "frank"), AuthorityUtils.NO_AUTHORITIES);
				return new BearerTokenAuthentication(principal, token, List.of());
			};
		}

	}

}
