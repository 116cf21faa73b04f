package dev.wsboot.server.nio;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.wsboot.server.AbuseLimits;

/**
 * The per-address limits of one server, across its I/O threads: connections held and the
 * rate of upgrade requests, by client address. Asked once per upgrade request, under a lock.
 *
 * <p>Memory stays bounded however many addresses appear. An address holds a connection
 * count only while it has connections, so there are never more counts than connections.
 * Rates are kept for the {@value #MAX_RATED_ADDRESSES} addresses seen most recently: the
 * one seen longest ago is forgotten for a new one, and starts again with a full burst when
 * it comes back, which an address that sends within its rate never notices.
 */
final class AddressLimits {

	/** How many addresses' request rates are remembered at most. */
	static final int MAX_RATED_ADDRESSES = 16_384;

	private final int maxConnections;

	private final int ratePerSecond;

	private final Map<InetAddress, int[]> connections = new HashMap<>();

	private final Map<InetAddress, TokenBucket> rates = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
			return size() > MAX_RATED_ADDRESSES;
		}

	};

	AddressLimits(AbuseLimits limits) {
		this.maxConnections = limits.maxConnectionsPerAddress();
		this.ratePerSecond = limits.maxHandshakeRatePerAddress();
	}

	/** Counts an upgrade request from {@code address}; false when its rate is used up. */
	boolean allowHandshake(InetAddress address, long now) {
		if (this.ratePerSecond == 0) {
			return true;
		}
		synchronized (this.rates) {
			TokenBucket bucket = this.rates.get(address);
			if (bucket == null) {
				bucket = new TokenBucket(this.ratePerSecond, this.ratePerSecond, now);
				this.rates.put(address, bucket);
			}
			return bucket.take(now);
		}
	}

	/** Takes one of {@code address}'s connections; false when it holds the most it may. */
	boolean reserveConnection(InetAddress address) {
		if (this.maxConnections == 0) {
			return true;
		}
		synchronized (this.connections) {
			int[] held = this.connections.computeIfAbsent(address, (key) -> new int[1]);
			if (held[0] >= this.maxConnections) {
				return false;
			}
			held[0]++;
			return true;
		}
	}

	/** Gives back a connection {@link #reserveConnection} took. */
	void releaseConnection(InetAddress address) {
		if (this.maxConnections == 0) {
			return;
		}
		synchronized (this.connections) {
			int[] held = this.connections.get(address);
			if (held != null && --held[0] <= 0) {
				this.connections.remove(address);
			}
		}
	}

	/** Addresses holding connections now; for tests of the bound. */
	int addressesHoldingConnections() {
		synchronized (this.connections) {
			return this.connections.size();
		}
	}

	/** Addresses whose rates are remembered now; for tests of the bound. */
	int ratedAddresses() {
		synchronized (this.rates) {
			return this.rates.size();
		}
	}

}
