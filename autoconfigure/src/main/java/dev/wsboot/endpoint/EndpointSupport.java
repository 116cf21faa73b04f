package dev.wsboot.endpoint;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.ConversionService;
import org.springframework.validation.Validator;

/**
 * What every endpoint's methods are bound with: the application's argument resolvers and
 * return value handlers, the message codecs, the conversion service for path and query
 * parameters, and the validator for {@code @Valid} payloads, if there is one.
 *
 * @param argumentResolvers resolvers asked before the standard ones
 * @param returnValueHandlers handlers asked before the standard ones
 * @param codecs the message codecs
 * @param conversionService converts path and query parameters
 * @param validator validates {@code @Valid} and {@code @Validated} payloads; {@code null} for none
 */
record EndpointSupport(List<WsArgumentResolver> argumentResolvers, List<WsReturnValueHandler> returnValueHandlers,
		EndpointCodecs codecs, ConversionService conversionService, @Nullable Validator validator) {

	EndpointSupport {
		argumentResolvers = List.copyOf(argumentResolvers);
		returnValueHandlers = List.copyOf(returnValueHandlers);
	}

}
