package dev.wsboot.test.client;

import java.time.Duration;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.test.client.Inbox.End;
import dev.wsboot.test.client.Inbox.Event;
import dev.wsboot.test.client.Inbox.Pong;
import dev.wsboot.test.client.Inbox.Received;

/**
 * The waits of one session on its {@link Inbox}, each until a deadline, each failing with
 * what arrived instead of what it waited for. Pongs are skipped unless waited for; pings are
 * waited for apart from the rest, as they are queued apart.
 */
final class Expectations {

	private final Inbox inbox;

	private final String target;

	Expectations(Inbox inbox, String target) {
		this.inbox = inbox;
		this.target = target;
	}

	/** The next message; fails on the end, or on nothing within {@code timeout}. */
	WsMessage nextMessage(Duration timeout, boolean paused) {
		long deadline = deadline(timeout);
		while (true) {
			Event event = this.inbox.next(deadline);
			if (event instanceof Received received) {
				return received.message();
			}
			if (event instanceof End end) {
				throw new AssertionError("Expected a message from " + this.target + ", but " + end.description());
			}
			if (event == null) {
				throw new AssertionError("Expected a message from " + this.target + " within " + describe(timeout)
						+ ", but received nothing" + (paused ? " (reading is paused)" : ""));
			}
		}
	}

	/**
	 * No message before the pong carrying {@code probe}; the end counts as something received
	 * unless the test knew of it already ({@code endKnown}).
	 */
	void noMessageBefore(String probe, Duration timeout, boolean endKnown) {
		long deadline = deadline(timeout);
		while (true) {
			Event event = this.inbox.next(deadline);
			if (event instanceof Received received) {
				this.inbox.putBack(received);
				throw new AssertionError("Expected no message from " + this.target + ", but received "
						+ received.message());
			}
			if (event instanceof End end) {
				if (endKnown) {
					return;
				}
				throw new AssertionError("Expected no message from " + this.target + ", but " + end.description());
			}
			if (event == null) {
				throw new AssertionError("Expected no message from " + this.target + ", but the server did not answer"
						+ " a ping within " + describe(timeout) + ", so what it will send is not known");
			}
			if (((Pong) event).payload().equals(probe)) {
				return;
			}
		}
	}

	/** No message for {@code quiet}, waiting that long; the end counts as {@link #noMessageBefore} says. */
	void noMessageFor(Duration quiet, boolean endKnown) {
		long deadline = deadline(quiet);
		while (true) {
			Event event = this.inbox.next(deadline);
			if (event == null) {
				return;
			}
			if (event instanceof Received received) {
				this.inbox.putBack(received);
				throw new AssertionError("Expected no message from " + this.target + " for " + describe(quiet)
						+ ", but received " + received.message());
			}
			if (event instanceof End end) {
				if (endKnown) {
					return;
				}
				throw new AssertionError("Expected no message from " + this.target + " for " + describe(quiet)
						+ ", but " + end.description());
			}
		}
	}

	/** The end, as the next thing that happens: a message first, a violation or nothing fails. */
	End close(Duration timeout) {
		long deadline = deadline(timeout);
		while (true) {
			Event event = this.inbox.next(deadline);
			if (event instanceof End end) {
				if (end.violation()) {
					throw new AssertionError("Expected the server to close " + this.target + ", but "
							+ end.description());
				}
				return end;
			}
			if (event instanceof Received received) {
				throw new AssertionError("Expected the server to close " + this.target + ", but received "
						+ received.message() + " first");
			}
			if (event == null) {
				throw new AssertionError("Expected the server to close " + this.target + " within "
						+ describe(timeout) + ", but it stayed open and sent nothing");
			}
		}
	}

	/**
	 * The next ping the server sent.
	 * @return its payload
	 * @throws AssertionError when none came within {@code timeout}
	 */
	byte[] nextPing(Duration timeout) {
		byte[] payload = this.inbox.nextPing(timeout);
		if (payload == null) {
			throw noneCame("a ping", timeout);
		}
		return payload;
	}

	/** The failure of a wait for {@code what} that did not come: how the session ended, or that nothing came. */
	AssertionError noneCame(String what, Duration timeout) {
		End end = this.inbox.end();
		return new AssertionError("Expected " + what + " from " + this.target + " within " + describe(timeout)
				+ ", but " + ((end != null) ? end.description() : "none came"));
	}

	/** The close status of the end, which must have {@code code}. */
	CloseStatus close(int code, Duration timeout) {
		End end = close(timeout);
		if (end.status().code() != code) {
			throw new AssertionError("Expected the server to close " + this.target + " with " + code + ", but "
					+ end.description());
		}
		return end.status();
	}

	private static long deadline(Duration timeout) {
		return System.nanoTime() + timeout.toNanos();
	}

	/** A duration as failure messages say it: {@code 5 s}, {@code 250 ms}. */
	static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

}
