package dev.wsboot.test.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

import dev.wsboot.protocol.CloseStatus;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on what a {@link WsTestSession} receives, each waiting up to the
 * session's timeout and failing with what arrived instead:
 *
 * <pre class="code">
 * assertThat(session).receivesText("hello");
 * assertThat(session).nextMessage().json().isLenientlyEqualTo("{type: 'said', text: 'hi'}");
 * assertThat(session).nextMessage().decodesTo(Said.class).extracting(Said::text).isEqualTo("hi");
 * assertThat(session).receivesNothing();
 * assertThat(session).closesWith(1007);
 * </pre>
 *
 * Messages are taken in the order they arrived: each assertion on a message takes the next one.
 */
public class WsTestSessionAssert extends AbstractObjectAssert<WsTestSessionAssert, WsTestSession> {

	/** Assertions on {@code session}; {@code Assertions.assertThat(session)} makes them. */
	public WsTestSessionAssert(WsTestSession session) {
		super(session, WsTestSessionAssert.class);
	}

	/** Waits for the next message, for assertions on it. */
	public WsMessageAssert nextMessage() {
		isNotNull();
		WsMessage message = expect(this.actual::nextMessage);
		return new WsMessageAssert(message).as("next message from %s", this.actual.target());
	}

	/** Waits for the next message and checks that it is text equal to {@code expected}. */
	public WsTestSessionAssert receivesText(String expected) {
		isNotNull();
		WsMessage message = expect(this.actual::nextMessage);
		if (!message.isText() || !message.text().equals(expected)) {
			throw failureWithActualExpected(message.toString(), "text \"" + expected + "\"",
					"Expected the next message from %s to be text \"%s\", but received %s", this.actual.target(),
					expected, message);
		}
		return this;
	}

	/** Waits for the next message and checks that it is binary with exactly these bytes. */
	public WsTestSessionAssert receivesBinary(byte[] expected) {
		isNotNull();
		WsMessage message = expect(this.actual::nextMessage);
		if (!message.isBinary() || !Arrays.equals(message.payload(), expected)) {
			WsMessage wanted = new WsMessage(false, expected, null);
			throw failureWithActualExpected(message.toString(), wanted.toString(),
					"Expected the next message from %s to be %s, but received %s", this.actual.target(), wanted,
					message);
		}
		return this;
	}

	/**
	 * Checks that no message is on its way, without waiting a fixed time: see
	 * {@link WsTestSession#expectNoMessage()} for what it covers.
	 */
	public WsTestSessionAssert receivesNothing() {
		isNotNull();
		expect(() -> {
			this.actual.expectNoMessage();
			return null;
		});
		return this;
	}

	/** Checks that no message arrives for {@code quiet}, waiting that long. */
	public WsTestSessionAssert receivesNothingWithin(Duration quiet) {
		isNotNull();
		expect(() -> {
			this.actual.expectNoMessage(quiet);
			return null;
		});
		return this;
	}

	/** Waits for the server to close the session with {@code code}, as the next thing it does. */
	public WsTestSessionAssert closesWith(int code) {
		isNotNull();
		expect(() -> this.actual.expectClose(code));
		return this;
	}

	/** Waits for the server to close the session with {@code code} and {@code reason}. */
	public WsTestSessionAssert closesWith(int code, String reason) {
		isNotNull();
		CloseStatus status = expect(() -> this.actual.expectClose(code));
		if (!status.reason().equals(reason)) {
			throw failureWithActualExpected(status.reason(), reason,
					"Expected the server to close %s with %d \"%s\", but the reason was \"%s\"", this.actual.target(),
					code, reason, status.reason());
		}
		return this;
	}

	/**
	 * Waits for the server to end the connection, as it must after the closing handshake
	 * (RFC 6455 §7.1.1): {@code assertThat(session).closesWith(1002).endsTheConnection()}.
	 */
	public WsTestSessionAssert endsTheConnection() {
		isNotNull();
		expect(() -> {
			this.actual.expectConnectionEnd();
			return null;
		});
		return this;
	}

	/** Checks that the session has not ended, now. */
	public WsTestSessionAssert isOpen() {
		isNotNull();
		if (!this.actual.isOpen()) {
			throw failure("Expected %s to be open, but it ended: %s", this.actual.target(), this.actual);
		}
		return this;
	}

	/** Checks that the server chose this subprotocol. */
	public WsTestSessionAssert hasSubprotocol(String subprotocol) {
		isNotNull();
		if (!subprotocol.equals(this.actual.subprotocol())) {
			throw failureWithActualExpected(this.actual.subprotocol(), subprotocol,
					"Expected the server to choose the subprotocol %s for %s, but it chose %s", subprotocol,
					this.actual.target(), this.actual.subprotocol());
		}
		return this;
	}

	/** Runs a wait of the session, its failure reported with this assertion's description. */
	private <T> T expect(Supplier<T> wait) {
		try {
			return wait.get();
		}
		catch (AssertionError ex) {
			throw failure("%s", ex.getMessage());
		}
	}

}
