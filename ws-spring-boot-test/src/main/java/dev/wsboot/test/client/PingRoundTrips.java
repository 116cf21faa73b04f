package dev.wsboot.test.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pings a session sends to learn that the server has read everything before them: for
 * {@link WsTestSession#ping()}, {@link WsTestClient#settle()} and
 * {@link WsTestSession#expectNoMessage()}. A pong comes after everything the server queued
 * before it, so its arrival is a sync point that needs no sleep; each probe carries a payload
 * of its own, so that its pong is told apart from the others.
 */
final class PingRoundTrips {

	private static final AtomicLong probes = new AtomicLong();

	private final Inbox inbox;

	private final SessionOutput output;

	private final Expectations expectations;

	PingRoundTrips(Inbox inbox, SessionOutput output, Expectations expectations) {
		this.inbox = inbox;
		this.output = output;
		this.expectations = expectations;
	}

	/** A payload no other probe carries, as ISO-8859-1 text: one character per byte. */
	static String newProbe() {
		return "ws-test-probe-" + probes.incrementAndGet();
	}

	/**
	 * Sends a ping with this payload and waits for the pong that carries it back.
	 * @return the time the round trip took
	 * @throws AssertionError when no such pong comes within {@code timeout}, or the session
	 * ends first
	 */
	Duration roundTrip(byte[] payload, Duration timeout) {
		long start = System.nanoTime();
		CountDownLatch pong = this.inbox.expectPong(new String(payload, StandardCharsets.ISO_8859_1));
		this.output.sendQuietly(WsFrame.ping(payload));
		if (!Latches.await(pong, timeout) || this.inbox.end() != null) {
			throw this.expectations.noneCame("a pong", timeout);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** Sends a ping whose pong counts down the latch returned, which the end counts down too. */
	CountDownLatch probe() {
		String probe = newProbe();
		CountDownLatch pong = this.inbox.expectPong(probe);
		send(probe);
		return pong;
	}

	/** Sends a ping carrying this probe, for a wait on the {@link Inbox} to meet its pong. */
	void send(String probe) {
		this.output.sendQuietly(WsFrame.ping(probe.getBytes(StandardCharsets.ISO_8859_1)));
	}

}
