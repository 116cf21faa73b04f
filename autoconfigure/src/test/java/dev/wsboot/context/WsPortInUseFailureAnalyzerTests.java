package dev.wsboot.context;

import java.net.BindException;

import dev.wsboot.server.PortInUseException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationContextException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsPortInUseFailureAnalyzer}.
 */
class WsPortInUseFailureAnalyzerTests {

	@Test
	void namesThePortAndTheWsPortProperty() {
		PortInUseException cause = new PortInUseException(8081, new BindException("Address already in use"));
		FailureAnalysis analysis = new WsPortInUseFailureAnalyzer()
			.analyze(new ApplicationContextException("Failed to start bean 'wsServerBootstrap'", cause));
		assertThat(analysis.getDescription())
			.isEqualTo("WebSocket server failed to start. Port 8081 was already in use.");
		assertThat(analysis.getAction()).isEqualTo("Identify and stop the process that's listening on port 8081 or "
				+ "configure this application's WebSocket server to listen on another port "
				+ "with the 'ws.port' property.");
	}

}
