package dev.wsboot.bench.load;

import java.util.List;

/** What each connection of a memory scenario does once open, and how the scenario lets them go. */
interface HeldConnections {

	ConnectionListener listener(LoadOptions options);

	/** Ends every connection and waits, within the run's timeouts, until all are closed. */
	void release(LoadRun run, List<ClientConnection> connections);

	/** The one for a scenario's name. */
	static HeldConnections named(String scenario) {
		return scenario.equals("partial-frame") ? new PartialFrameConnections() : new IdleConnections();
	}
}
