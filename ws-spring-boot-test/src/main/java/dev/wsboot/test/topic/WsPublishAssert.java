package dev.wsboot.test.topic;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.wsboot.server.WsSession;
import dev.wsboot.test.client.WsTestSession;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ assertions on one {@link WsPublish}: its message and the sessions it reached.
 */
public class WsPublishAssert extends AbstractObjectAssert<WsPublishAssert, WsPublish> {

	/** Assertions on {@code publish}; {@code Assertions.assertThat(publish)} makes them. */
	public WsPublishAssert(WsPublish publish) {
		super(publish, WsPublishAssert.class);
	}

	/** Checks that the object published equals {@code expected}. */
	public WsPublishAssert hasMessage(Object expected) {
		isNotNull();
		if (!Objects.equals(this.actual.message(), expected)) {
			throw failureWithActualExpected(this.actual.message(), expected,
					"Expected a publish of %s to \"%s\", but it was %s", expected, this.actual.topic(), this.actual);
		}
		return this;
	}

	/** The object published, for any object assertion. */
	public AbstractObjectAssert<?, Object> message() {
		isNotNull();
		return Assertions.assertThat(this.actual.message()).as(this.info.description());
	}

	/** The object published, checked to be a {@code type}, for assertions on its fields. */
	public <T> AbstractObjectAssert<?, T> messageOfType(Class<T> type) {
		isNotNull();
		if (!type.isInstance(this.actual.message())) {
			throw failure("Expected a publish of a %s to \"%s\", but it was %s", type.getName(), this.actual.topic(),
					this.actual);
		}
		return Assertions.assertThat(type.cast(this.actual.message())).as(this.info.description());
	}

	/**
	 * Checks that the publish was for exactly these sessions of the test client: they were the
	 * topic's subscribers, but any session excluded.
	 */
	public WsPublishAssert reached(WsTestSession... sessions) {
		isNotNull();
		Set<InetSocketAddress> expected = Arrays.stream(sessions)
			.map(WsTestSession::localAddress)
			.collect(Collectors.toSet());
		Set<InetSocketAddress> reached = this.actual.recipients()
			.stream()
			.map(WsSession::remoteAddress)
			.collect(Collectors.toSet());
		if (!reached.equals(expected)) {
			throw failure("Expected the publish %s to reach %s, but it was for %s", this.actual,
					Arrays.stream(sessions).map(WsTestSession::target).toList(),
					WsPublish.describe(this.actual.recipients()));
		}
		return this;
	}

	/** Checks how many sessions the message was queued for. */
	public WsPublishAssert wasQueuedFor(int sessions) {
		isNotNull();
		if (this.actual.queued() != sessions) {
			throw failureWithActualExpected(this.actual.queued(), sessions,
					"Expected the publish %s to be queued for %d sessions, but it was for %d", this.actual, sessions,
					this.actual.queued());
		}
		return this;
	}

}
