package dev.wsboot.server;

/**
 * Live traffic counters of one {@link WsSession}: messages and payload bytes in each direction.
 */
public interface WsSessionStatistics {

	/** Complete messages received. */
	long messagesReceived();

	/** Payload bytes of the messages received. */
	long bytesReceived();

	/** Messages queued for sending. */
	long messagesSent();

	/** Payload bytes of the messages queued for sending. */
	long bytesSent();

}
