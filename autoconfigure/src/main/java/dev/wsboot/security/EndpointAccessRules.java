package dev.wsboot.security;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.security.access.annotation.Secured;
import org.springframework.security.access.expression.ExpressionUtils;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthoritiesAuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.util.ReflectionUtils;

/**
 * Who may open a session on each endpoint: the {@link PreAuthorize @PreAuthorize} and
 * {@link Secured @Secured} annotations of endpoint classes, read once at start and checked at
 * each upgrade with the application's {@link MethodSecurityExpressionHandler} (its role
 * hierarchy and permission evaluator included). The expression sees the upgrade as
 * {@code #upgrade}, for rules such as
 * {@code @PreAuthorize("#upgrade.pathVariables['user'] == authentication.name")}.
 */
final class EndpointAccessRules {

	/** The method the expressions are evaluated as arguments of, for {@code #upgrade}. */
	private static final Method UPGRADE = ReflectionUtils.findMethod(Handshake.class, "upgrade", WsUpgrade.class);

	private final Map<String, Rule> rules;

	private EndpointAccessRules(Map<String, Rule> rules) {
		this.rules = rules;
	}

	/**
	 * Reads the rules of endpoint classes.
	 * @param endpoints the endpoint classes by the path template they serve
	 */
	static EndpointAccessRules of(Map<String, Class<?>> endpoints, MethodSecurityExpressionHandler expressions,
			AuthoritiesAuthorizationManager authorities) {
		Map<String, Rule> rules = new HashMap<>();
		endpoints.forEach((template, endpointClass) -> {
			Rule rule = ruleOf(endpointClass, expressions, authorities);
			if (rule != null) {
				rules.put(template, rule);
			}
		});
		return new EndpointAccessRules(Map.copyOf(rules));
	}

	private static @Nullable Rule ruleOf(Class<?> endpointClass, MethodSecurityExpressionHandler expressions,
			AuthoritiesAuthorizationManager authorities) {
		PreAuthorize preAuthorize = AnnotatedElementUtils.findMergedAnnotation(endpointClass, PreAuthorize.class);
		Secured secured = AnnotatedElementUtils.findMergedAnnotation(endpointClass, Secured.class);
		Rule expressionRule = null;
		if (preAuthorize != null) {
			Expression expression = expressions.getExpressionParser().parseExpression(preAuthorize.value());
			expressionRule = (authentication, upgrade) -> ExpressionUtils.evaluateAsBoolean(expression,
					expressions.createEvaluationContext(authentication,
							new SimpleMethodInvocation(null, UPGRADE, upgrade)));
		}
		Rule authorityRule = null;
		if (secured != null) {
			Set<String> required = Set.copyOf(List.of(secured.value()));
			authorityRule = (authentication, upgrade) -> isGranted(authorities.authorize(authentication, required));
		}
		if (expressionRule != null && authorityRule != null) {
			Rule first = expressionRule;
			Rule second = authorityRule;
			return (authentication, upgrade) -> first.allows(authentication, upgrade)
					&& second.allows(authentication, upgrade);
		}
		return (expressionRule != null) ? expressionRule : authorityRule;
	}

	private static boolean isGranted(@Nullable AuthorizationResult result) {
		return result != null && result.isGranted();
	}

	/** The rule of the endpoint at {@code template}, or {@code null} when it has none. */
	@Nullable Rule ruleFor(String template) {
		return this.rules.get(template);
	}

	/** Whether no endpoint has a rule. */
	boolean isEmpty() {
		return this.rules.isEmpty();
	}

	/** The rule of one endpoint. */
	@FunctionalInterface
	interface Rule {

		/** Whether {@code authentication} (an anonymous one for a client that sent no token) may upgrade. */
		boolean allows(Supplier<Authentication> authentication, WsUpgrade upgrade);

	}

	/** Names {@code #upgrade} for expressions, as the parameter of a method. */
	private static final class Handshake {

		@SuppressWarnings("unused")
		void upgrade(WsUpgrade upgrade) {
		}

	}

}
