package dev.wsboot.security;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.wsboot.endpoint.WsInvocation;
import dev.wsboot.endpoint.WsMethodGuard;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.util.SimpleMethodInvocation;

/**
 * Checks {@link PreAuthorize @PreAuthorize} and {@link Secured @Secured} on endpoint handler
 * methods at each call, with Spring Security's own authorization managers, against the
 * session's principal: a message the principal may not send is not handled, and the session
 * is closed with 1008 (the {@link AccessDeniedException} thrown reaches the
 * {@link SecurityContextHandler}). Only methods annotated themselves are checked per call;
 * an annotation on the endpoint class is checked once, at the upgrade. Works whether or not
 * the application enables method security.
 */
public final class SecuredMethodGuard implements WsMethodGuard {

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("wsboot", "anonymousUser",
			AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

	private final AuthorizationManager<MethodInvocation> preAuthorize;

	private final AuthorizationManager<MethodInvocation> secured;

	/**
	 * @param preAuthorize checks {@code @PreAuthorize}, such as a
	 * {@code PreAuthorizeAuthorizationManager} with the application's expression handler
	 * @param secured checks {@code @Secured}, such as a {@code SecuredAuthorizationManager}
	 */
	public SecuredMethodGuard(AuthorizationManager<MethodInvocation> preAuthorize,
			AuthorizationManager<MethodInvocation> secured) {
		this.preAuthorize = preAuthorize;
		this.secured = secured;
	}

	@Override
	public @Nullable Check checkFor(Class<?> endpointClass, Method method) {
		List<AuthorizationManager<MethodInvocation>> managers = new ArrayList<>(2);
		if (AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)) {
			managers.add(this.preAuthorize);
		}
		if (AnnotatedElementUtils.hasAnnotation(method, Secured.class)) {
			managers.add(this.secured);
		}
		if (managers.isEmpty()) {
			return null;
		}
		return (endpoint, arguments, invocation) -> {
			MethodInvocation call = new SimpleMethodInvocation(endpoint, method, arguments);
			Supplier<Authentication> authentication = () -> authentication(invocation);
			for (AuthorizationManager<MethodInvocation> manager : managers) {
				AuthorizationResult result = manager.authorize(authentication, call);
				if (result != null && !result.isGranted()) {
					throw new AuthorizationDeniedException("Access denied", result);
				}
			}
		};
	}

	private static Authentication authentication(WsInvocation invocation) {
		return (invocation.session().principal() instanceof Authentication authentication) ? authentication
				: ANONYMOUS;
	}

}
