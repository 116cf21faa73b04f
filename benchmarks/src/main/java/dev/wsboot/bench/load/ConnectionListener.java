package dev.wsboot.bench.load;

/** What a scenario does with one connection; every call arrives on the connection's I/O thread. */
interface ConnectionListener {

	/** The upgrade was accepted; messages may be sent. */
	default void onOpen(ClientConnection connection) {
	}

	/** Message number {@code seq} arrived whole and equal to the pattern. */
	default void onMessage(ClientConnection connection, long seq) {
	}

	/**
	 * The connection is gone. {@code clean} means both close frames were exchanged and the
	 * server closed TCP; failures have already been counted.
	 */
	default void onClosed(ClientConnection connection, boolean clean) {
	}
}
