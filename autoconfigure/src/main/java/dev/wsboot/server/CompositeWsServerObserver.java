package dev.wsboot.server;

import java.util.List;

import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * Passes every event to several {@link WsServerObserver}s in order, so that metrics and an
 * application's own observer can watch the same server; each is
 * {@link WsServerObserver#guarded guarded}, so one that throws neither reaches the server nor
 * keeps the event from the next.
 */
public final class CompositeWsServerObserver implements WsServerObserver {

	private final WsServerObserver[] observers;

	private CompositeWsServerObserver(List<WsServerObserver> observers) {
		this.observers = observers.stream().map(WsServerObserver::guarded).toArray(WsServerObserver[]::new);
	}

	/**
	 * One guarded observer for all of these: {@link WsServerObserver#NONE} for none, the
	 * {@link WsServerObserver#guarded guarded} observer for one.
	 */
	public static WsServerObserver of(List<WsServerObserver> observers) {
		return switch (observers.size()) {
			case 0 -> WsServerObserver.NONE;
			case 1 -> WsServerObserver.guarded(observers.get(0));
			default -> new CompositeWsServerObserver(observers);
		};
	}

	@Override
	public void onHandshake(@Nullable String path, int status) {
		for (WsServerObserver observer : this.observers) {
			observer.onHandshake(path, status);
		}
	}

	@Override
	public void onOpen(WsSession session) {
		for (WsServerObserver observer : this.observers) {
			observer.onOpen(session);
		}
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		for (WsServerObserver observer : this.observers) {
			observer.onClose(session, status);
		}
	}

	@Override
	public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
		for (WsServerObserver observer : this.observers) {
			observer.onMessageReceived(session, text, payloadBytes);
		}
	}

	@Override
	public void onMessageSent(WsSession session, boolean text, int payloadBytes) {
		for (WsServerObserver observer : this.observers) {
			observer.onMessageSent(session, text, payloadBytes);
		}
	}

	@Override
	public void onMessageRejected(WsSession session, int closeCode) {
		for (WsServerObserver observer : this.observers) {
			observer.onMessageRejected(session, closeCode);
		}
	}

	@Override
	public void onHandlerCompleted(WsSession session, long nanos) {
		for (WsServerObserver observer : this.observers) {
			observer.onHandlerCompleted(session, nanos);
		}
	}

	@Override
	public void onLimitExceeded(String limit) {
		for (WsServerObserver observer : this.observers) {
			observer.onLimitExceeded(limit);
		}
	}

	@Override
	public void onTlsFailure(String reason) {
		for (WsServerObserver observer : this.observers) {
			observer.onTlsFailure(reason);
		}
	}

}
