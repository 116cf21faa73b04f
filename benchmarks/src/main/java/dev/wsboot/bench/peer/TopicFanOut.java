package dev.wsboot.bench.peer;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;
import dev.wsboot.topic.WsTopics;

/**
 * Subscribes every session to one topic when it opens, and publishes every message a session
 * sends to that topic, the sender included: the broadcast endpoint's fan-out, through
 * {@link WsTopics} instead of the sessions of a path.
 */
final class TopicFanOut implements WsHandler {

	/** The one topic every session joins. */
	static final String TOPIC = "bench";

	private final WsTopics topics;

	TopicFanOut(WsTopics topics) {
		this.topics = topics;
	}

	@Override
	public void onOpen(WsSession session) {
		this.topics.subscribe(session, TOPIC);
	}

	@Override
	public void onText(WsSession session, String text) {
		this.topics.publish(TOPIC, text);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		this.topics.publish(TOPIC, data);
	}

}
