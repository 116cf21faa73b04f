package dev.wsboot.server.forwarded;

import java.net.InetAddress;

/**
 * One entry of the trusted proxies: an address, or a CIDR block ({@code 10.0.0.0/8},
 * {@code 2001:db8::/32}) whose first {@code prefixLength} bits an address must share.
 */
final class IpRange {

	private final byte[] network;

	private final int prefixLength;

	private final String text;

	private IpRange(byte[] network, int prefixLength, String text) {
		this.network = network;
		this.prefixLength = prefixLength;
		this.text = text;
	}

	/**
	 * @throws IllegalArgumentException for anything but an IP literal with an optional prefix length
	 */
	static IpRange parse(String entry) {
		String text = entry.strip();
		int slash = text.indexOf('/');
		InetAddress address = IpLiteral.parse((slash >= 0) ? text.substring(0, slash) : text);
		if (address == null) {
			throw new IllegalArgumentException("'" + entry + "' is neither an IP address nor a CIDR block");
		}
		byte[] bytes = address.getAddress();
		int bits = bytes.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						"'" + entry + "' has a prefix length that is not between 0 and " + bits);
			}
		}
		return new IpRange(bytes, prefix, text);
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != this.network.length) {
			return false;
		}
		int whole = this.prefixLength / 8;
		for (int i = 0; i < whole; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[whole] & mask) == (this.network[whole] & mask);
	}

	@Override
	public String toString() {
		return this.text;
	}

}
