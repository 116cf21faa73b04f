package dev.wsboot.endpoint;

import java.util.List;

import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.server.PathTemplate;
import dev.wsboot.server.WsServerObserver;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.validation.Validator;

/**
 * Endpoint definitions and handlers as the registry makes them, with the standard support:
 * JSON through a plain {@link JsonMapper}, Spring Boot's conversion service, no validator.
 */
final class TestEndpoints {

	static final EndpointSupport SUPPORT = support(null);

	private TestEndpoints() {
	}

	static EndpointSupport support(@Nullable Validator validator) {
		return new EndpointSupport(List.of(), List.of(),
				new EndpointCodecs(List.of(new JacksonMessageCodec(JsonMapper.shared()))),
				ApplicationConversionService.getSharedInstance(), validator);
	}

	/** The definition with no message codec: text and bytes only. */
	static EndpointDefinition definitionWithoutCodecs(Class<?> endpointClass) {
		EndpointSupport support = new EndpointSupport(List.of(), List.of(), new EndpointCodecs(List.of()),
				ApplicationConversionService.getSharedInstance(), null);
		return EndpointDefinition.of(endpointClass, PathTemplate.parse("/test"), support);
	}

	static EndpointDefinition definition(Class<?> endpointClass) {
		return definition(endpointClass, "/test");
	}

	static EndpointDefinition definition(Class<?> endpointClass, String path) {
		return EndpointDefinition.of(endpointClass, PathTemplate.parse(path), SUPPORT);
	}

	static WsEndpointHandler handler(Object endpoint) {
		return handler(endpoint, WsServerObserver.NONE);
	}

	static WsEndpointHandler handler(Object endpoint, WsServerObserver observer) {
		return new WsEndpointHandler(definition(AopUtils.getTargetClass(endpoint)), () -> endpoint, () -> observer);
	}

}
