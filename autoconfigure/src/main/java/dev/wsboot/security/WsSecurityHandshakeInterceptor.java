package dev.wsboot.security;

import java.util.Map;
import java.util.function.Supplier;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthoritiesAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Who is on the other end, decided at the upgrade: the bearer token the request carries
 * (see {@link BearerTokens}) is authenticated by the application's
 * {@link AuthenticationManager}, the endpoint's {@code @PreAuthorize} or {@code @Secured}
 * rule is checked, and the {@link Authentication} becomes the session's principal.
 *
 * <p>The answers: 401 with {@code WWW-Authenticate: Bearer} for a token that fails
 * authentication or has expired, and for an anonymous client the endpoint's rule refuses;
 * 403 for an authenticated client it refuses; 400 for a token sent more than one way, or as
 * a subprotocol with no subprotocol of the endpoint to select. An endpoint without a rule
 * is open to anonymous clients, whose upgrade carries no principal. Runs first among the
 * handshake interceptors ({@link #ORDER}), on a worker thread: authentication may block.
 */
public final class WsSecurityHandshakeInterceptor implements WsHandshakeInterceptor, Ordered {

	/** The order of this interceptor: before the application's, so that they see the principal. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	private static final Logger logger = LoggerFactory.getLogger(WsSecurityHandshakeInterceptor.class);

	private static final HttpHeaders CHALLENGE = HttpHeaders.of("WWW-Authenticate", "Bearer");

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("wsboot", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final @Nullable AuthenticationManager authenticationManager;

	private final BearerTokens tokens;

	private final EndpointAccessRules rules;

	private final CredentialExpiry expiry;

	/**
	 * @param authenticationManager authenticates bearer tokens (as
	 * {@code BearerTokenAuthenticationToken}s); {@code null} when the application has none,
	 * and then no client is authenticated
	 * @param tokenQueryParameter the query parameter a token may come in, or {@code null} for none
	 * @param endpoints the endpoint classes by the path template they serve, for their rules
	 * @param expressions evaluates {@code @PreAuthorize}
	 * @param authorities checks {@code @Secured}
	 * @param expiry tells expired credentials
	 */
	public WsSecurityHandshakeInterceptor(@Nullable AuthenticationManager authenticationManager,
			@Nullable String tokenQueryParameter, Map<String, Class<?>> endpoints,
			MethodSecurityExpressionHandler expressions, AuthoritiesAuthorizationManager authorities,
			CredentialExpiry expiry) {
		this.authenticationManager = authenticationManager;
		this.tokens = new BearerTokens(tokenQueryParameter);
		this.rules = EndpointAccessRules.of(endpoints, expressions, authorities);
		this.expiry = expiry;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Applies where there is a rule to check, or tokens to authenticate: elsewhere the
	 * handshake stays on the I/O thread.
	 */
	@Override
	public boolean appliesTo(String template) {
		return this.authenticationManager != null || this.rules.ruleFor(template) != null;
	}

	@Override
	public void beforeUpgrade(WsUpgrade upgrade) {
		Authentication authentication = authenticate(upgrade);
		EndpointAccessRules.Rule rule = this.rules.ruleFor(upgrade.template());
		if (rule != null) {
			Authentication subject = (authentication != null) ? authentication : ANONYMOUS;
			Supplier<Authentication> supplier = () -> subject;
			if (!rule.allows(supplier, upgrade)) {
				if (TRUST.isAnonymous(subject) || !subject.isAuthenticated()) {
					throw unauthorized("Authentication required");
				}
				throw new HandshakeException(403, "Access denied");
			}
		}
		if (authentication != null) {
			upgrade.principal(authentication);
		}
	}

	private @Nullable Authentication authenticate(WsUpgrade upgrade) {
		String token = this.tokens.find(upgrade);
		if (token == null || this.authenticationManager == null) {
			return null;
		}
		if (token.isEmpty()) {
			throw unauthorized("Invalid bearer token");
		}
		Authentication authentication;
		try {
			authentication = BearerAuthentication.authenticate(this.authenticationManager, token);
		}
		catch (AuthenticationServiceException ex) {
			logger.warn("Could not authenticate the upgrade to {}: {}", upgrade.request().path(), ex.getMessage());
			throw new HandshakeException(500, "Authentication failed");
		}
		catch (AuthenticationException ex) {
			logger.debug("Refused the bearer token of an upgrade to {}: {}", upgrade.request().path(), ex.getMessage());
			throw unauthorized("Invalid bearer token");
		}
		if (authentication == null || !authentication.isAuthenticated()) {
			throw unauthorized("Invalid bearer token");
		}
		if (this.expiry.isExpired(authentication)) {
			// Whatever clock skew the token's checks allowed: a session closes at the expiry, so
			// none opens after it.
			throw unauthorized("Expired bearer token");
		}
		return authentication;
	}

	private static HandshakeException unauthorized(String message) {
		// RFC 6750 §3: a request without valid credentials gets the scheme it needs.
		return new HandshakeException(401, message, CHALLENGE);
	}

	/** Kept apart so that the resource server's types are loaded only when a token is authenticated. */
	private static final class BearerAuthentication {

		static @Nullable Authentication authenticate(AuthenticationManager manager, String token) {
			return manager.authenticate(
					new org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken(
							token));
		}

	}

}
