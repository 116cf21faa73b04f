package dev.wsboot.test.topic;

import java.util.List;

import dev.wsboot.server.WsSession;
import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;

/**
 * One publish to a topic, as the test kit recorded it.
 *
 * @param topic the topic
 * @param message the object published, as the application passed it
 * @param recipients the sessions it was for: the topic's subscribers on this node when it was
 * published, but the excluded one
 * @param excluded the session {@code publishExcept} left out, or {@code null}
 * @param queued how many sessions it was queued for, as {@code publish} returned: fewer than
 * the recipients when some were too slow
 */
public record WsPublish(String topic, Object message, List<WsSession> recipients, @Nullable WsSession excluded,
		int queued) implements AssertProvider<WsPublishAssert> {

	/** Assertions on this publish; the entry point {@code Assertions.assertThat(publish)} calls. */
	@Override
	public WsPublishAssert assertThat() {
		return new WsPublishAssert(this);
	}

	/** The publish in words, for failure messages: the topic, the message and its recipients. */
	@Override
	public String toString() {
		return "to \"" + this.topic + "\": " + this.message + " (for " + describe(this.recipients) + ")";
	}

	/** Sessions as their paths and queries, which name test sessions well enough. */
	static String describe(List<WsSession> sessions) {
		if (sessions.isEmpty()) {
			return "no session";
		}
		return sessions.stream()
			.map((session) -> session.path() + ((session.query() != null) ? "?" + session.query() : ""))
			.toList()
			.toString();
	}

}
