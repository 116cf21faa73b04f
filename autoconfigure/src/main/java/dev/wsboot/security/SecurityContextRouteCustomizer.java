package dev.wsboot.security;

import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsRouteCustomizer;

import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Sets Spring Security's context around every handler call of every route, maps access
 * denied to close code 1008, and closes sessions when their credentials expire; see
 * {@link SecurityContextHandler}.
 */
public final class SecurityContextRouteCustomizer implements WsRouteCustomizer {

	private final SecurityContextHolderStrategy contexts;

	private final CredentialExpiry expiry;

	/**
	 * @param contexts where the security context is set, the application's strategy
	 * @param expiry closes sessions whose credentials expire
	 */
	public SecurityContextRouteCustomizer(SecurityContextHolderStrategy contexts, CredentialExpiry expiry) {
		this.contexts = contexts;
		this.expiry = expiry;
	}

	@Override
	public WsRoute customize(WsRoute route) {
		return route.withHandler(new SecurityContextHandler(route.handler(), this.contexts, this.expiry));
	}

}
