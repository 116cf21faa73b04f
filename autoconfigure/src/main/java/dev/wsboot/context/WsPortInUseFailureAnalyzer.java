package dev.wsboot.context;

import dev.wsboot.server.PortInUseException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link PortInUseException}: which port was taken, and how to choose another.
 */
class WsPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
		return new FailureAnalysis("WebSocket server failed to start. Port " + cause.port() + " was already in use.",
				"Identify and stop the process that's listening on port " + cause.port() + " or configure this "
						+ "application's WebSocket server to listen on another port with the 'ws.port' property.",
				cause);
	}

}
