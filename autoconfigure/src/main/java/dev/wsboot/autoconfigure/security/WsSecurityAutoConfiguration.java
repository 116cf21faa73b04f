package dev.wsboot.autoconfigure.security;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.WsProperties;
import dev.wsboot.endpoint.WsEndpointDescriptor;
import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.security.AuthenticationArgumentResolver;
import dev.wsboot.security.CredentialExpiry;
import dev.wsboot.security.SecuredMethodGuard;
import dev.wsboot.security.SecurityContextRouteCustomizer;
import dev.wsboot.security.WsSecurityHandshakeInterceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authorization.AuthoritiesAuthorizationManager;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.authorization.method.SecuredAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.util.ClassUtils;

/**
 * Spring Security for the WebSocket endpoints, when it is on the class path: see
 * {@link WsSecurityHandshakeInterceptor} for the upgrade, {@link SecuredMethodGuard} for
 * handler methods and {@link SecurityContextRouteCustomizer} for the context around calls.
 *
 * <p>Bearer tokens are authenticated with the application's own beans, when
 * {@code spring-security-oauth2-resource-server} is on the class path: its
 * {@link AuthenticationManager} bean, or else, with a {@code JwtDecoder} bean (as the
 * resource server starter makes from {@code spring.security.oauth2.resourceserver.jwt.*}), a
 * {@code JwtAuthenticationProvider} with the application's {@code JwtAuthenticationConverter},
 * if it has one. Without either no token is authenticated, and endpoints whose rules want an
 * authenticated user refuse every upgrade with 401: a rule is never skipped.
 */
@AutoConfiguration(after = WsAutoConfiguration.class,
		afterName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnClass(Authentication.class)
@ConditionalOnBean(WsEndpointRegistry.class)
@ConditionalOnBooleanProperty(name = "ws.security.enabled", matchIfMissing = true)
public final class WsSecurityAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WsSecurityAutoConfiguration.class);

	private static final boolean BEARER_TOKENS_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken",
			WsSecurityAutoConfiguration.class.getClassLoader());

	private static final boolean JWT_PRESENT = BEARER_TOKENS_PRESENT
			&& ClassUtils.isPresent("org.springframework.security.oauth2.jwt.JwtDecoder",
					WsSecurityAutoConfiguration.class.getClassLoader());

	@Bean(destroyMethod = "destroy")
	@ConditionalOnMissingBean
	CredentialExpiry wsCredentialExpiry() {
		return new CredentialExpiry();
	}

	@Bean
	@ConditionalOnMissingBean
	SecurityContextRouteCustomizer wsSecurityContextRouteCustomizer(
			ObjectProvider<SecurityContextHolderStrategy> strategy, CredentialExpiry expiry) {
		SecurityContextHolderStrategy contexts = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
		return new SecurityContextRouteCustomizer(contexts, expiry);
	}

	@Bean
	@ConditionalOnMissingBean
	AuthenticationArgumentResolver wsAuthenticationArgumentResolver() {
		return new AuthenticationArgumentResolver();
	}

	@Bean
	@ConditionalOnMissingBean
	SecuredMethodGuard wsSecuredMethodGuard(ObjectProvider<MethodSecurityExpressionHandler> expressionHandler,
			ObjectProvider<RoleHierarchy> roleHierarchy, ObjectProvider<AnnotationTemplateExpressionDefaults> templates,
			ApplicationContext context) {
		PreAuthorizeAuthorizationManager preAuthorize = new PreAuthorizeAuthorizationManager();
		preAuthorize.setExpressionHandler(expressions(expressionHandler, roleHierarchy, context));
		preAuthorize.setApplicationContext(context);
		templates.ifAvailable(preAuthorize::setTemplateDefaults);
		SecuredAuthorizationManager secured = new SecuredAuthorizationManager();
		secured.setAuthoritiesAuthorizationManager(authorities(roleHierarchy));
		return new SecuredMethodGuard(preAuthorize, secured);
	}

	@Bean
	@ConditionalOnMissingBean
	WsSecurityHandshakeInterceptor wsSecurityHandshakeInterceptor(WsEndpointRegistry endpoints,
			WsProperties properties, ObjectProvider<AuthenticationManager> authenticationManager,
			ObjectProvider<MethodSecurityExpressionHandler> expressionHandler,
			ObjectProvider<RoleHierarchy> roleHierarchy, CredentialExpiry expiry, ApplicationContext context) {
		return new WsSecurityHandshakeInterceptor(authenticationManager(authenticationManager, context),
				properties.getSecurity().getTokenQueryParameter(), endpointClasses(endpoints, context),
				expressions(expressionHandler, roleHierarchy, context), authorities(roleHierarchy), expiry);
	}

	/** The application's authentication manager for bearer tokens, or one for its JWT decoder. */
	private static @Nullable AuthenticationManager authenticationManager(
			ObjectProvider<AuthenticationManager> applications, ListableBeanFactory beans) {
		if (!BEARER_TOKENS_PRESENT) {
			logger.debug("No spring-security-oauth2-resource-server: WebSocket upgrades are not authenticated");
			return null;
		}
		AuthenticationManager manager = applications.getIfUnique();
		if (manager == null && JWT_PRESENT) {
			manager = JwtAuthentication.managerFor(beans);
		}
		if (manager == null) {
			logger.debug("No AuthenticationManager or JwtDecoder bean: WebSocket upgrades are not authenticated");
		}
		return manager;
	}

	private static MethodSecurityExpressionHandler expressions(ObjectProvider<MethodSecurityExpressionHandler> handler,
			ObjectProvider<RoleHierarchy> roleHierarchy, ApplicationContext context) {
		return handler.getIfUnique(() -> {
			DefaultMethodSecurityExpressionHandler standard = new DefaultMethodSecurityExpressionHandler();
			standard.setApplicationContext(context);
			roleHierarchy.ifAvailable(standard::setRoleHierarchy);
			return standard;
		});
	}

	private static AuthoritiesAuthorizationManager authorities(ObjectProvider<RoleHierarchy> roleHierarchy) {
		AuthoritiesAuthorizationManager authorities = new AuthoritiesAuthorizationManager();
		roleHierarchy.ifAvailable(authorities::setRoleHierarchy);
		return authorities;
	}

	private static Map<String, Class<?>> endpointClasses(WsEndpointRegistry endpoints, ApplicationContext context) {
		Map<String, Class<?>> classes = new LinkedHashMap<>();
		for (WsEndpointDescriptor endpoint : endpoints.getEndpoints()) {
			classes.put(endpoint.path(), ClassUtils.resolveClassName(endpoint.beanType(), context.getClassLoader()));
		}
		return classes;
	}

	/** Kept apart so that the JWT types are loaded only when present. */
	private static final class JwtAuthentication {

		static @Nullable AuthenticationManager managerFor(ListableBeanFactory beans) {
			org.springframework.security.oauth2.jwt.JwtDecoder decoder = beans
				.getBeanProvider(org.springframework.security.oauth2.jwt.JwtDecoder.class)
				.getIfUnique();
			if (decoder == null) {
				return null;
			}
			org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider provider =
					new org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider(
							decoder);
			beans.getBeanProvider(
					org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter.class)
				.ifUnique(provider::setJwtAuthenticationConverter);
			return new org.springframework.security.authentication.ProviderManager(provider);
		}

	}

}
