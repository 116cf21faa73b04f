package dev.wsboot.server;

import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * Hooks the server calls as traffic flows, for metrics and logging. Every method has an
 * empty default and must be cheap and non-blocking: most are called on an I/O thread.
 * Paths are those of configured routes, or {@code null} where no route matched. The server
 * calls its observer through {@link #guarded}, so an exception thrown here is logged and
 * goes no further.
 */
public interface WsServerObserver {

	/** An observer that does nothing. */
	WsServerObserver NONE = new WsServerObserver() {
	};

	/**
	 * Returns an observer that passes every event to {@code observer} and catches the
	 * {@link RuntimeException}s it throws, logging them at WARN at most once a minute with
	 * the number left out, so that a failing observer never breaks the server's own work.
	 * {@link #NONE} and observers that are already guarded, including those of
	 * {@link CompositeWsServerObserver#of}, are returned as they are.
	 */
	static WsServerObserver guarded(WsServerObserver observer) {
		if (observer == NONE || observer instanceof GuardedWsServerObserver
				|| observer instanceof CompositeWsServerObserver) {
			return observer;
		}
		return new GuardedWsServerObserver(observer, System::nanoTime);
	}

	/** A handshake was answered: 101 when accepted, else the HTTP status of the refusal. */
	default void onHandshake(@Nullable String path, int status) {
	}

	/** A session opened. */
	default void onOpen(WsSession session) {
	}

	/** A session ended with this status (as sent, received, or 1006 for a lost connection). */
	default void onClose(WsSession session, CloseStatus status) {
	}

	/** A complete message arrived. */
	default void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
	}

	/** A message was queued for sending. */
	default void onMessageSent(WsSession session, boolean text, int payloadBytes) {
	}

	/**
	 * A complete message arrived that the endpoint could not take: it could not be read as
	 * any type the endpoint accepts, or no method takes its kind. {@code closeCode} is the
	 * close code it earns, 1007 (invalid data) or 1003 (unsupported data), whether the
	 * session was then closed with it or an error method answered it.
	 */
	default void onMessageRejected(WsSession session, int closeCode) {
	}

	/** A handler call for a message finished, after this many nanoseconds. */
	default void onHandlerCompleted(WsSession session, long nanos) {
	}

	/** A connection was refused or dropped because a limit was reached. */
	default void onLimitExceeded(String limit) {
	}

	/**
	 * A TLS connection was dropped, for a {@code reason} of a few: {@code handshake} (the
	 * handshake failed, a required client certificate missing, for example),
	 * {@code not-tls} (its first bytes were no TLS record, such as plain HTTP), or
	 * {@code renegotiation} (the client tried to renegotiate, which the server refuses).
	 */
	default void onTlsFailure(String reason) {
	}

}
