package dev.wsboot.topic;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsSession;

/**
 * A handler whose sessions leave their topics after its {@code onClose}, made by
 * {@link DefaultWsTopics#tracking}: that is how the topics learn that a session finished.
 */
record MembershipTrackingHandler(WsHandler delegate, DefaultWsTopics topics) implements WsHandler {

	@Override
	public void onOpen(WsSession session) {
		this.delegate.onOpen(session);
	}

	@Override
	public void onText(WsSession session, String text) {
		this.delegate.onText(session, text);
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		this.delegate.onBinary(session, data);
	}

	@Override
	public void onPong(WsSession session, byte[] payload) {
		this.delegate.onPong(session, payload);
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		try {
			this.delegate.onClose(session, status);
		}
		finally {
			this.topics.finished(session);
		}
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		this.delegate.onError(session, error);
	}

}
