package dev.wsboot.test;

import dev.wsboot.test.client.WsMessage;
import dev.wsboot.test.client.WsMessageAssert;
import dev.wsboot.test.client.WsTestSession;
import dev.wsboot.test.client.WsTestSessionAssert;
import dev.wsboot.test.client.WsUpgradeResponse;
import dev.wsboot.test.client.WsUpgradeResponseAssert;
import dev.wsboot.test.topic.WsPublish;
import dev.wsboot.test.topic.WsPublishAssert;
import dev.wsboot.test.topic.WsPublishes;
import dev.wsboot.test.topic.WsPublishesAssert;

/**
 * The test kit's AssertJ entry points, in one place. The types asserted on are AssertJ
 * {@link org.assertj.core.api.AssertProvider}s, so AssertJ's own
 * {@code Assertions.assertThat} gives the same assertions: import either.
 */
public final class WsAssertions {

	private WsAssertions() {
	}

	/** Assertions on what a session receives: messages, nothing, its close. */
	public static WsTestSessionAssert assertThat(WsTestSession session) {
		return new WsTestSessionAssert(session);
	}

	/** Assertions on a message: text, binary, JSON, decoded. */
	public static WsMessageAssert assertThat(WsMessage message) {
		return new WsMessageAssert(message);
	}

	/** Assertions on the answer to an upgrade request: accepted or refused, status, headers. */
	public static WsUpgradeResponseAssert assertThat(WsUpgradeResponse response) {
		return new WsUpgradeResponseAssert(response);
	}

	/** Assertions on what was published to topics. */
	public static WsPublishesAssert assertThat(WsPublishes publishes) {
		return new WsPublishesAssert(publishes);
	}

	/** Assertions on one publish. */
	public static WsPublishAssert assertThat(WsPublish publish) {
		return new WsPublishAssert(publish);
	}

}
