package dev.wsboot.server.forwarded;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.wsboot.handshake.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * The reverse proxies whose forwarding headers the server believes: addresses and CIDR
 * blocks such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. Only when the TCP peer is one
 * of them is the client read from {@code Forwarded} (RFC 7239), or else from
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto}; anyone else could write those
 * headers to pose as another address, so from them they are ignored.
 *
 * <p>The client is the nearest hop that is not a trusted proxy, read from the right of the
 * list, since each proxy appends the address it got the request from and only the entries
 * trusted proxies appended are known to be true; a list of trusted proxies alone yields its
 * first entry.
 */
public final class TrustedProxies {

	/** Trusts no proxy: forwarding headers are always ignored. */
	public static final TrustedProxies NONE = new TrustedProxies(List.of());

	private final IpRange[] ranges;

	private TrustedProxies(List<IpRange> ranges) {
		this.ranges = ranges.toArray(new IpRange[0]);
	}

	/**
	 * Parses entries such as {@code 10.0.0.1}, {@code 10.0.0.0/8}, {@code ::1} or {@code fd00::/8}.
	 * @throws IllegalArgumentException for an entry that is not an IP address or a CIDR block
	 * (host names are refused: trust must not depend on DNS)
	 */
	public static TrustedProxies of(List<String> entries) {
		if (entries.isEmpty()) {
			return NONE;
		}
		List<IpRange> ranges = new ArrayList<>(entries.size());
		for (String entry : entries) {
			ranges.add(IpRange.parse(entry));
		}
		return new TrustedProxies(ranges);
	}

	/** Whether no proxy is trusted. */
	public boolean isEmpty() {
		return this.ranges.length == 0;
	}

	/** Whether {@code address} is a trusted proxy. */
	public boolean isTrusted(InetAddress address) {
		for (IpRange range : this.ranges) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The client behind {@code peer}, as its forwarding headers name it when {@code peer} is
	 * trusted; {@code null} when it is not, or the headers name no client.
	 */
	public @Nullable Client client(InetSocketAddress peer, HttpHeaders headers) {
		InetAddress peerAddress = peer.getAddress();
		if (peerAddress == null || !isTrusted(peerAddress)) {
			return null;
		}
		List<Hop> hops = ForwardedHeaders.hops(headers);
		if (hops.isEmpty()) {
			return null;
		}
		List<Hop> fromTheRight = new ArrayList<>(hops);
		Collections.reverse(fromTheRight);
		Hop client = null;
		for (Hop hop : fromTheRight) {
			client = hop;
			InetSocketAddress address = hop.address();
			if (address == null || !isTrusted(address.getAddress())) {
				break;
			}
		}
		if (client == null || client.address() == null) {
			// The first untrusted hop hid its address ("unknown", an obfuscated name): no client to name.
			return null;
		}
		// The scheme is the one the outermost trusted proxy received, which the last hop states.
		Hop outermost = ForwardedHeaders.last(hops);
		String scheme = (client.scheme() != null) ? client.scheme() : (outermost != null) ? outermost.scheme() : null;
		return new Client(client.address(), scheme);
	}

	@Override
	public String toString() {
		return "TrustedProxies" + List.of(this.ranges);
	}

	/**
	 * The client as trusted proxies forwarded it.
	 * @param address its address; port 0 when the headers give none
	 * @param scheme {@code ws} or {@code wss} as the request reached the proxies, or {@code null} when not said
	 */
	public record Client(InetSocketAddress address, @Nullable String scheme) {
	}

}
