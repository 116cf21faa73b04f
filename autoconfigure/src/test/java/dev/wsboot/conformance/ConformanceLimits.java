package dev.wsboot.conformance;

import dev.wsboot.protocol.WebSocketLimits;

/**
 * The limits of the two servers the conformance suite runs against, each shared by every
 * class that asks for it ({@link dev.wsboot.testsupport.TestWsServer#shared(WebSocketLimits)}).
 */
final class ConformanceLimits {

	/** Large enough for the 16 MiB messages of the framing tests (Autobahn 9.1.6, 9.2.6). */
	static final WebSocketLimits LARGE = new WebSocketLimits(16 << 20, 16 << 20);

	/** Small enough to exceed cheaply in the limit tests. */
	static final WebSocketLimits SMALL = new WebSocketLimits(1024, 4096);

	private ConformanceLimits() {
	}

}
