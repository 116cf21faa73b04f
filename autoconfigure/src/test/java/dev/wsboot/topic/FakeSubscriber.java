package dev.wsboot.topic;

import dev.wsboot.endpoint.FakeWsSession;

/**
 * A {@link FakeWsSession} whose connection has as many bytes waiting as a test says: a
 * subscriber that keeps up, or one that does not.
 */
class FakeSubscriber extends FakeWsSession {

	private volatile long buffered;

	/** Makes {@code bytes} wait for this session's connection. */
	FakeSubscriber buffering(long bytes) {
		this.buffered = bytes;
		return this;
	}

	@Override
	public long bufferedAmount() {
		return this.buffered;
	}

}
