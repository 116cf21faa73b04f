package dev.wsboot.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * A hostile client, the {@code partial-frame} scenario: once upgraded, each connection sends the
 * header of a masked binary frame declaring {@code --declared-length} payload bytes (65,535 by
 * default, the largest length in the 16-bit form), then {@code --sent-bytes} of them (1), then
 * nothing. A server that allocates a frame's payload when its header arrives pays for what was
 * declared; one that grows it with what arrives pays for one byte.
 */
final class PartialFrameConnections implements HeldConnections {

	@Override
	public ConnectionListener listener(LoadOptions options) {
		return new ConnectionListener() {

			@Override
			public void onOpen(ClientConnection connection) {
				connection.sendFrameStart(options.declaredLength(), options.sentBytes());
			}
		};
	}

	/** Drops the connections: a close frame now would be read by the server as payload of the open frame. */
	@Override
	public void release(LoadRun run, List<ClientConnection> connections) {
		connections.forEach((connection) -> connection.io().execute(connection::abort));
		long deadline = System.nanoTime() + run.options().closeTimeout().toNanos();
		while (System.nanoTime() - deadline < 0 && connections.stream().anyMatch((c) -> !c.isClosed())) {
			LoadRun.sleep(Duration.ofMillis(20));
		}
	}
}
