package dev.wsboot.handshake;

/**
 * Bounds on the upgrade request that {@link HandshakeRequestParser} enforces while the bytes
 * arrive, so a client cannot make the server buffer an unbounded request head.
 *
 * @param maxRequestLineLength longest request line accepted, in bytes without the line ending;
 * longer ones are refused with 414 URI Too Long
 * @param maxHeaderBlockSize largest request head accepted, in bytes, counting the request line,
 * every header line and the blank line that ends them, line endings included; larger ones are
 * refused with 431 Request Header Fields Too Large
 * @param maxHeaderCount most header fields accepted; more are refused with 431 Request Header
 * Fields Too Large
 */
public record HandshakeLimits(int maxRequestLineLength, int maxHeaderBlockSize, int maxHeaderCount) {

	/**
	 * The limits used unless configured otherwise.
	 * <ul>
	 * <li>8192-byte request line: RFC 9112 §3 recommends supporting request lines of at least
	 * 8000 octets, and a WebSocket URL with its query fits with room to spare.</li>
	 * <li>16384-byte head: a browser's upgrade request is usually under 1 KiB, and this leaves
	 * room for large cookies and tokens while bounding what each connection still in its
	 * handshake can hold in memory.</li>
	 * <li>100 header fields: browsers send about 15, and the bound keeps a client from making
	 * the server index thousands of tiny fields.</li>
	 * </ul>
	 */
	public static final HandshakeLimits DEFAULTS = new HandshakeLimits(8192, 16384, 100);

	public HandshakeLimits {
		requirePositive("maxRequestLineLength", maxRequestLineLength);
		requirePositive("maxHeaderBlockSize", maxHeaderBlockSize);
		requirePositive("maxHeaderCount", maxHeaderCount);
	}

	private static void requirePositive(String name, int value) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, got " + value);
		}
	}

}
