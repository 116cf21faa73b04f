package dev.wsboot.endpoint;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionService;
import org.springframework.validation.Validator;

/**
 * What every endpoint's methods are bound with: the application's argument resolvers and
 * return value handlers, the message codecs, the conversion service for path and query
 * parameters, the validator for {@code @Valid} payloads, if there is one, and the guards
 * that check calls.
 *
 * @param argumentResolvers resolvers asked before the standard ones
 * @param returnValueHandlers handlers asked before the standard ones
 * @param codecs the message codecs
 * @param conversionService converts path and query parameters
 * @param validator validates {@code @Valid} and {@code @Validated} payloads; {@code null} for none
 * @param methodGuards check calls of methods before they are made
 */
record EndpointSupport(List<WsArgumentResolver> argumentResolvers, List<WsReturnValueHandler> returnValueHandlers,
		EndpointCodecs codecs, ConversionService conversionService, @Nullable Validator validator,
		List<WsMethodGuard> methodGuards) {

	EndpointSupport {
		argumentResolvers = List.copyOf(argumentResolvers);
		returnValueHandlers = List.copyOf(returnValueHandlers);
		methodGuards = List.copyOf(methodGuards);
	}

	/** Support without method guards. */
	EndpointSupport(List<WsArgumentResolver> argumentResolvers, List<WsReturnValueHandler> returnValueHandlers,
			EndpointCodecs codecs, ConversionService conversionService, @Nullable Validator validator) {
		this(argumentResolvers, returnValueHandlers, codecs, conversionService, validator, List.of());
	}

}
