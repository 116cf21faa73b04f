package dev.wsboot.server.forwarded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

import dev.wsboot.handshake.HttpHeaders;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which client {@link TrustedProxies} names: only behind a trusted peer, the nearest
 * untrusted hop from the right of {@code Forwarded} (RFC 7239) or {@code X-Forwarded-For},
 * with the scheme the proxies received; CIDR blocks of both families; never a host name.
 */
class TrustedProxiesTests {

	private static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.1"));

	private static InetSocketAddress peer(String address) throws UnknownHostException {
		return new InetSocketAddress(InetAddress.getByName(address), 40000);
	}

	private static TrustedProxies.Client client(String peer, String... headers) throws UnknownHostException {
		return PROXIES.client(peer(peer), HttpHeaders.of(headers));
	}

	@Nested
	class Ranges {

		@ParameterizedTest
		@CsvSource({ "10.1.2.3, true", "11.0.0.1, false", "192.0.2.1, true", "192.0.2.2, false",
				"2001:db8:1::5, true", "2001:db9::5, false", "::ffff:10.0.0.1, true" })
		void matchesAddressesAndBlocksOfBothFamilies(String address, boolean trusted) throws UnknownHostException {
			assertThat(PROXIES.isTrusted(InetAddress.getByName(address))).isEqualTo(trusted);
		}

		@Test
		void matchesPrefixesThatEndInsideAByte() throws UnknownHostException {
			TrustedProxies proxies = TrustedProxies.of(List.of("172.16.0.0/12"));
			assertThat(proxies.isTrusted(InetAddress.getByName("172.31.255.255"))).isTrue();
			assertThat(proxies.isTrusted(InetAddress.getByName("172.32.0.0"))).isFalse();
			assertThat(TrustedProxies.of(List.of("0.0.0.0/0")).isTrusted(InetAddress.getByName("8.8.8.8"))).isTrue();
		}

		@ParameterizedTest
		@ValueSource(strings = { "proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0", "10.0.0.256", "10.0.0.0/x",
				"1::2::3", "" })
		void refusesEntriesThatAreNotAddressesOrBlocks(String entry) {
			assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of(entry)));
		}

	}

	@Nested
	class XForwardedFor {

		@Test
		void namesTheClientBehindATrustedPeer() throws UnknownHostException {
			TrustedProxies.Client client = client("10.0.0.5", "X-Forwarded-For", "203.0.113.7");
			assertThat(client.address()).isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 0));
			assertThat(client.scheme()).isNull();
		}

		@Test
		void ignoresTheHeadersOfAPeerThatIsNotTrusted() throws UnknownHostException {
			assertThat(client("198.51.100.9", "X-Forwarded-For", "203.0.113.7", "Forwarded", "for=203.0.113.8"))
				.isNull();
		}

		@Test
		void takesTheRightmostHopThatIsNotATrustedProxy() throws UnknownHostException {
			// The client wrote the first entry itself; only those trusted proxies appended are true.
			TrustedProxies.Client client = client("10.0.0.5", "X-Forwarded-For", "1.2.3.4, 203.0.113.7, 10.0.0.9");
			assertThat(client.address().getAddress().getHostAddress()).isEqualTo("203.0.113.7");
		}

		@Test
		void readsEveryHeaderLineInOrder() throws UnknownHostException {
			TrustedProxies.Client client = client("10.0.0.5", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-For",
					"10.0.0.9");
			assertThat(client.address().getAddress().getHostAddress()).isEqualTo("203.0.113.7");
		}

		@Test
		void takesTheFirstHopWhenEveryHopIsTrusted() throws UnknownHostException {
			TrustedProxies.Client client = client("10.0.0.5", "X-Forwarded-For", "10.0.0.7, 10.0.0.9");
			assertThat(client.address().getAddress().getHostAddress()).isEqualTo("10.0.0.7");
		}

		@Test
		void readsTheSchemeOfXForwardedProto() throws UnknownHostException {
			assertThat(client("10.0.0.5", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https").scheme())
				.isEqualTo("wss");
			assertThat(client("10.0.0.5", "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "http").scheme())
				.isEqualTo("ws");
		}

		@Test
		void readsAddressesWithPortsAndIpv6Addresses() throws UnknownHostException {
			assertThat(client("10.0.0.5", "X-Forwarded-For", "203.0.113.7:5555").address())
				.isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 5555));
			assertThat(client("10.0.0.5", "X-Forwarded-For", "2001:db9::7").address().getAddress())
				.isEqualTo(InetAddress.getByName("2001:db9::7"));
			assertThat(client("10.0.0.5", "X-Forwarded-For", "[2001:db9::7]:443").address())
				.isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db9::7"), 443));
		}

		@ParameterizedTest
		@ValueSource(strings = { "unknown", "evil.example.com", "not an address", "203.0.113.7:99999" })
		void namesNoClientForAHopThatIsNotAnAddress(String hop) throws UnknownHostException {
			assertThat(client("10.0.0.5", "X-Forwarded-For", hop)).isNull();
		}

	}

	@Nested
	class Forwarded {

		@Test
		void readsTheForAndProtoOfRfc7239() throws UnknownHostException {
			TrustedProxies.Client client = client("10.0.0.5", "Forwarded",
					"for=\"[2001:db9:cafe::17]:4711\";proto=https;by=10.0.0.5");
			assertThat(client.address())
				.isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db9:cafe::17"), 4711));
			assertThat(client.scheme()).isEqualTo("wss");
		}

		@Test
		void takesTheRightmostUntrustedElementAndPrefersForwardedToXForwardedFor() throws UnknownHostException {
			TrustedProxies.Client client = client("10.0.0.5", "Forwarded",
					"for=1.2.3.4, for=198.51.100.17;proto=http, For=10.0.0.9", "X-Forwarded-For", "203.0.113.7");
			assertThat(client.address().getAddress().getHostAddress()).isEqualTo("198.51.100.17");
			assertThat(client.scheme()).isEqualTo("ws");
		}

		@Test
		void namesNoClientBehindAnObfuscatedOrUnknownHop() throws UnknownHostException {
			assertThat(client("10.0.0.5", "Forwarded", "for=_hidden")).isNull();
			assertThat(client("10.0.0.5", "Forwarded", "for=unknown")).isNull();
		}

		@Test
		void keepsSeparatorsInsideQuotedValues() throws UnknownHostException {
			TrustedProxies.Client client = client("10.0.0.5", "Forwarded",
					"for=198.51.100.17;ext=\"a,b;c\";proto=https");
			assertThat(client.address().getAddress().getHostAddress()).isEqualTo("198.51.100.17");
			assertThat(client.scheme()).isEqualTo("wss");
		}

	}

}
