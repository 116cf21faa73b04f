package dev.wsboot.server;

/**
 * Limits on what one client may do, each off at 0: how many connections one address may
 * hold and how many upgrade requests per second it may send (beyond either, an upgrade is
 * refused with 429 and {@code Retry-After}), and how many messages per second one session
 * may send, with a burst (beyond it, the session is closed with 1008). An address is the
 * client's as {@link dev.wsboot.server.forwarded.TrustedProxies trusted proxies} forward it,
 * else the TCP peer's.
 *
 * @param maxConnectionsPerAddress the most connections, in their handshake or open, from one
 * address; 0 for no limit
 * @param maxHandshakeRatePerAddress the most upgrade requests per second from one address,
 * with as many at once; 0 for no limit
 * @param maxMessageRate the most messages per second one session may send; 0 for no limit
 * @param maxMessageBurst the most messages one session may send at once, above the rate; 0
 * for as many as the rate
 */
public record AbuseLimits(int maxConnectionsPerAddress, int maxHandshakeRatePerAddress, int maxMessageRate,
		int maxMessageBurst) {

	/** No limit on any client but the server's own, such as {@code max-connections}. */
	public static final AbuseLimits NONE = new AbuseLimits(0, 0, 0, 0);

	public AbuseLimits {
		notNegative("maxConnectionsPerAddress", maxConnectionsPerAddress);
		notNegative("maxHandshakeRatePerAddress", maxHandshakeRatePerAddress);
		notNegative("maxMessageRate", maxMessageRate);
		notNegative("maxMessageBurst", maxMessageBurst);
	}

	/** Whether addresses are limited at all, so that the server keeps state per address. */
	public boolean limitsAddresses() {
		return this.maxConnectionsPerAddress > 0 || this.maxHandshakeRatePerAddress > 0;
	}

	/** The burst of messages a session may send: {@link #maxMessageBurst}, or the rate when 0. */
	public int messageBurst() {
		return (this.maxMessageBurst > 0) ? this.maxMessageBurst : this.maxMessageRate;
	}

	private static void notNegative(String name, int value) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
	}

}
