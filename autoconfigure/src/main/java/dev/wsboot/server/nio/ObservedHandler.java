package dev.wsboot.server.nio;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;

/**
 * A route's handler as the server calls it when an observer watches: message calls are
 * timed for {@link WsServerObserver#onHandlerCompleted}. Wrapping once per route keeps the
 * timing off the path of servers that have no observer.
 */
final class ObservedHandler implements WsHandler {

	private final WsHandler delegate;

	private final WsServerObserver observer;

	ObservedHandler(WsHandler delegate, WsServerObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public void onOpen(WsSession session) {
		this.delegate.onOpen(session);
	}

	@Override
	public void onText(WsSession session, String text) {
		long start = System.nanoTime();
		try {
			this.delegate.onText(session, text);
		}
		finally {
			this.observer.onHandlerCompleted(session, System.nanoTime() - start);
		}
	}

	@Override
	public void onBinary(WsSession session, byte[] data) {
		long start = System.nanoTime();
		try {
			this.delegate.onBinary(session, data);
		}
		finally {
			this.observer.onHandlerCompleted(session, System.nanoTime() - start);
		}
	}

	@Override
	public void onPong(WsSession session, byte[] payload) {
		this.delegate.onPong(session, payload);
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		this.delegate.onClose(session, status);
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		this.delegate.onError(session, error);
	}

}
