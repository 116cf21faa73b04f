package dev.wsboot.server.nio;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.wsboot.server.AbuseLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address state of {@link AddressLimits} and the {@link TokenBucket} of its rates,
 * with times given: counts kept only while an address holds connections, rates remembered
 * for a bounded number of addresses however many appear.
 */
class AddressLimitsTests {

	private static final long SECOND = 1_000_000_000L;

	private static InetAddress address(int n) {
		try {
			return InetAddress.getByAddress(new byte[] { 10, (byte) (n >> 16), (byte) (n >> 8), (byte) n });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void countsConnectionsPerAddressAndForgetsAnAddressWithNone() {
		AddressLimits limits = new AddressLimits(new AbuseLimits(2, 0, 0, 0));
		assertThat(limits.reserveConnection(address(1))).isTrue();
		assertThat(limits.reserveConnection(address(1))).isTrue();
		assertThat(limits.reserveConnection(address(1))).isFalse();
		assertThat(limits.reserveConnection(address(2))).isTrue();
		limits.releaseConnection(address(1));
		assertThat(limits.reserveConnection(address(1))).isTrue();
		limits.releaseConnection(address(1));
		limits.releaseConnection(address(1));
		limits.releaseConnection(address(2));
		assertThat(limits.addressesHoldingConnections()).isZero();
	}

	@Test
	void remembersTheRatesOfABoundedNumberOfAddresses() {
		AddressLimits limits = new AddressLimits(new AbuseLimits(0, 1, 0, 0));
		int many = AddressLimits.MAX_RATED_ADDRESSES + 1000;
		for (int i = 0; i < many; i++) {
			assertThat(limits.allowHandshake(address(i), 0)).isTrue();
		}
		assertThat(limits.ratedAddresses()).isEqualTo(AddressLimits.MAX_RATED_ADDRESSES);
		// The most recent addresses are still remembered, with their burst used up.
		assertThat(limits.allowHandshake(address(many - 1), 0)).isFalse();
	}

	@Test
	void refillsARateAsTimePasses() {
		TokenBucket bucket = new TokenBucket(2, 3, 0);
		assertThat(bucket.take(0)).isTrue();
		assertThat(bucket.take(0)).isTrue();
		assertThat(bucket.take(0)).isTrue();
		assertThat(bucket.take(0)).isFalse();
		assertThat(bucket.take(SECOND / 2)).isTrue();
		assertThat(bucket.take(SECOND / 2)).isFalse();
		// Never more than the burst, however long it waited.
		long later = 100 * SECOND;
		for (int i = 0; i < 3; i++) {
			assertThat(bucket.take(later)).isTrue();
		}
		assertThat(bucket.take(later)).isFalse();
	}

}
