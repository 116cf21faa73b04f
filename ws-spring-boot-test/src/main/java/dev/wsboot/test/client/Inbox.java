package dev.wsboot.test.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a session received, in the order it arrived: messages, pongs and, last, how the
 * session ended. The reader thread adds; the test's thread takes, waiting up to a deadline.
 * The end is never taken away: every later wait sees it at once.
 */
final class Inbox {

	/** Something received. */
	sealed interface Event permits Received, Pong, End {

	}

	/** A whole message. */
	record Received(WsMessage message) implements Event {

	}

	/** A pong, with its payload as ISO-8859-1 text: one character per byte. */
	record Pong(String payload) implements Event {

	}

	/**
	 * How the session ended.
	 * @param status the server's close status; 1006 when the connection ended without one
	 * @param description the end in words, for failure messages
	 * @param violation whether the server broke RFC 6455, which ended it
	 */
	record End(CloseStatus status, String description, boolean violation) implements Event {

		static End closed(CloseStatus status) {
			return new End(status, "the server closed the session with " + describe(status), false);
		}

		static End lost(String how) {
			return new End(CloseStatus.ABNORMAL, how + " (1006)", false);
		}

		static End violation(String what) {
			return new End(CloseStatus.ABNORMAL, what, true);
		}

		static String describe(CloseStatus status) {
			return status.code() + (status.reason().isEmpty() ? "" : " \"" + status.reason() + "\"");
		}

	}

	private final LinkedBlockingDeque<Event> events = new LinkedBlockingDeque<>();

	private final LinkedBlockingQueue<byte[]> pings = new LinkedBlockingQueue<>();

	/** Round trips waiting for their pong, by payload. */
	private final Map<String, CountDownLatch> probes = new ConcurrentHashMap<>();

	private final CountDownLatch ended = new CountDownLatch(1);

	private volatile @Nullable End end;

	/** Whether a wait has met the end, so that the test knows of it. */
	private volatile boolean endSeen;

	// ---- the reader thread ----

	void message(WsMessage message) {
		this.events.add(new Received(message));
	}

	void ping(byte[] payload) {
		this.pings.add(payload);
	}

	void pong(byte[] payload) {
		String text = new String(payload, StandardCharsets.ISO_8859_1);
		this.events.add(new Pong(text));
		CountDownLatch probe = this.probes.remove(text);
		if (probe != null) {
			probe.countDown();
		}
	}

	/** The session ended; the first end counts. */
	synchronized void end(End end) {
		if (this.end == null) {
			this.end = end;
			this.events.add(end);
			this.ended.countDown();
			// Round trips waiting for a pong that will not come stop waiting.
			this.probes.values().forEach(CountDownLatch::countDown);
		}
	}

	// ---- the test's thread ----

	/**
	 * The next event, waiting until {@code deadline} ({@link System#nanoTime()}), or
	 * {@code null} when none came; the end stays for later waits.
	 */
	@Nullable Event next(long deadline) {
		Event event;
		try {
			event = this.events.pollFirst(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for the server", ex);
		}
		if (event instanceof End) {
			this.events.addFirst(event);
			this.endSeen = true;
		}
		return event;
	}

	/** Puts an event back in front, for the next wait to see. */
	void putBack(Event event) {
		this.events.addFirst(event);
	}

	/**
	 * Registers a round trip whose pong carries {@code payload}, as ISO-8859-1 text; call
	 * before sending the ping.
	 */
	CountDownLatch expectPong(String payload) {
		CountDownLatch latch = new CountDownLatch(1);
		this.probes.put(payload, latch);
		if (this.end != null) {
			latch.countDown();
		}
		return latch;
	}

	/** The next ping the server sent, waiting up to {@code timeout}, or {@code null}. */
	byte @Nullable [] nextPing(Duration timeout) {
		try {
			return this.pings.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted while waiting for a ping", ex);
		}
	}

	/** Waits for the end; false when it did not come within {@code timeout}. */
	boolean awaitEnd(Duration timeout) {
		return Latches.await(this.ended, timeout);
	}

	/** How the session ended, or {@code null} while it is open. */
	@Nullable End end() {
		return this.end;
	}

	/** Whether a wait met the end already. */
	boolean isEndSeen() {
		return this.endSeen;
	}

	/** The first message not taken yet, or {@code null}. */
	@Nullable WsMessage peekMessage() {
		for (Event event : this.events) {
			if (event instanceof Received received) {
				return received.message();
			}
		}
		return null;
	}

}
