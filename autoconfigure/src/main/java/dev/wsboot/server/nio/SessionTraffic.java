package dev.wsboot.server.nio;

import dev.wsboot.server.WsSessionStatistics;

/**
 * The traffic counters of a {@link NioWsSession}, which extends this class so that they
 * are fields of the session itself rather than an object more per connection.
 */
abstract class SessionTraffic implements WsSessionStatistics {

	// Written by the I/O thread only; read by anyone (approximate while traffic flows).
	private long messagesReceived;

	private long bytesReceived;

	// Written by any sending thread, under the session's lock.
	private volatile long messagesSent;

	private volatile long bytesSent;

	/** Counts a message received; I/O thread. */
	final void received(int payloadBytes) {
		this.messagesReceived++;
		this.bytesReceived += payloadBytes;
	}

	/** Counts a message queued for sending; any thread. */
	final synchronized void countSent(int payloadBytes) {
		this.messagesSent++;
		this.bytesSent += payloadBytes;
	}

	@Override
	public final long messagesReceived() {
		return this.messagesReceived;
	}

	@Override
	public final long bytesReceived() {
		return this.bytesReceived;
	}

	@Override
	public final long messagesSent() {
		return this.messagesSent;
	}

	@Override
	public final long bytesSent() {
		return this.bytesSent;
	}

}
