package dev.wsboot.protocol;

/**
 * Size limits the protocol engine enforces against what a peer declares, before anything
 * is allocated for it.
 *
 * @param maxFrameSize the largest payload of a single frame; a larger declared length is
 * answered with 1009 without reading or allocating the payload (a frame header may declare
 * up to 2^63-1 bytes, CVE-2020-13935 shows what happens when that is trusted)
 * @param maxMessageSize the largest reassembled message; fragments beyond it are answered
 * with 1009
 */
public record WebSocketLimits(int maxFrameSize, int maxMessageSize) {

	/**
	 * 1 MiB for both: large enough for typical JSON and small binary payloads, small enough
	 * that a thousand connections each sending a maximal message stay within a modest heap.
	 */
	public static final WebSocketLimits DEFAULTS = new WebSocketLimits(1 << 20, 1 << 20);

	public WebSocketLimits {
		if (maxFrameSize < 125) {
			// Control frames may carry 125 bytes; a smaller limit would refuse legal pings.
			throw new IllegalArgumentException("maxFrameSize must be at least 125 bytes but was " + maxFrameSize);
		}
		if (maxMessageSize < 1) {
			throw new IllegalArgumentException("maxMessageSize must be positive but was " + maxMessageSize);
		}
	}

}
