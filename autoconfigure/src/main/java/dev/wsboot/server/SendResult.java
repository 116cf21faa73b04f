package dev.wsboot.server;

/**
 * What happened to a message given to {@link WsSession} for sending.
 */
public enum SendResult {

	/** Queued for sending (possibly already written to the socket). */
	QUEUED,

	/** Not sent: the session is closing or closed. */
	CLOSED,

	/**
	 * Not sent: it would have taken the session's outbound buffer past
	 * {@code ws.max-outbound-buffer}, so the peer is not reading fast enough. The session is
	 * closed with 1008 (policy violation) and its buffered data is released.
	 */
	OVERFLOW

}
