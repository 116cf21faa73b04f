package dev.wsboot.endpoint;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link WsEndpointDefinitionException} as what is wrong with the endpoint and
 * how to fix it.
 */
class WsEndpointDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<WsEndpointDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WsEndpointDefinitionException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
