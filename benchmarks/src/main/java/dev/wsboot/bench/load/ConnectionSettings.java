package dev.wsboot.bench.load;

import java.net.InetSocketAddress;

/** What all connections of a run share: where to connect, what to send, where errors go, how long to wait. */
record ConnectionSettings(InetSocketAddress server, HandshakeWriter handshake, PayloadPattern pattern, Errors errors,
		long handshakeTimeoutNanos, long closeTimeoutNanos) {
}
