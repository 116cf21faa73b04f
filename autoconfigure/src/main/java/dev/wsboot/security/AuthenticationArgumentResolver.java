package dev.wsboot.security;

import dev.wsboot.endpoint.WsArgumentResolver;
import dev.wsboot.endpoint.WsInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;

/**
 * Supplies the session's {@link Authentication} to endpoint method parameters of that type
 * (or a subtype, such as {@code JwtAuthenticationToken}), and its principal to parameters
 * annotated {@link AuthenticationPrincipal @AuthenticationPrincipal}, such as a {@code Jwt}:
 * {@code null} for an anonymous session or a principal of another type, or a
 * {@link ClassCastException} for one when the annotation says {@code errorOnInvalidType}.
 * The annotation's {@code expression} is not supported.
 */
public final class AuthenticationArgumentResolver implements WsArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.hasParameterAnnotation(AuthenticationPrincipal.class)
				|| Authentication.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public @Nullable Object resolveArgument(MethodParameter parameter, WsInvocation invocation) {
		Authentication authentication = (invocation.session().principal() instanceof Authentication found) ? found
				: null;
		Class<?> type = parameter.getParameterType();
		AuthenticationPrincipal annotation = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		Object value = (annotation != null) ? ((authentication != null) ? authentication.getPrincipal() : null)
				: authentication;
		if (value == null || type.isInstance(value)) {
			return value;
		}
		if (annotation != null && annotation.errorOnInvalidType()) {
			throw new ClassCastException(value.getClass().getName() + " is not assignable to " + type.getName());
		}
		return null;
	}

}
