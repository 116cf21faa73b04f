package dev.wsboot.bench.load;

import java.util.List;

/** Connections that send nothing after the upgrade and end with a close handshake: the {@code connect} scenario. */
final class IdleConnections implements HeldConnections {

	@Override
	public ConnectionListener listener(LoadOptions options) {
		return new ConnectionListener() {
		};
	}

	@Override
	public void release(LoadRun run, List<ClientConnection> connections) {
		run.closeAll(connections);
	}
}
