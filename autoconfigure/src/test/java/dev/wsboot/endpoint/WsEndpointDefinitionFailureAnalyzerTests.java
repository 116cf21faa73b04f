package dev.wsboot.endpoint;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsEndpointDefinitionFailureAnalyzer}.
 */
class WsEndpointDefinitionFailureAnalyzerTests {

	@Test
	void describesTheDefinitionProblemAndItsFix() {
		WsEndpointDefinitionException cause = new WsEndpointDefinitionException("Endpoint X is wrong.", "Fix X.");
		FailureAnalysis analysis = new WsEndpointDefinitionFailureAnalyzer()
			.analyze(new BeanCreationException("wsEndpointRegistry", "failed", cause));
		assertThat(analysis.getDescription()).isEqualTo("Endpoint X is wrong.");
		assertThat(analysis.getAction()).isEqualTo("Fix X.");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

}
