package dev.wsboot.server;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WsServerObserver} that passes every event on to another and keeps what that one
 * throws from the server, made by {@link WsServerObserver#guarded}.
 *
 * <p>The server calls observers in the middle of its own bookkeeping (a session's end, the
 * timers of a whole I/O thread), so an observer's exception must not unwind it. Failures
 * are logged at WARN, at most once per {@link #REPORT_INTERVAL} for each observer, with the
 * number of those left out since: a broken observer fails on every event, and one line per
 * event would flood the log.
 */
final class GuardedWsServerObserver implements WsServerObserver {

	static final Duration REPORT_INTERVAL = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(GuardedWsServerObserver.class);

	private final WsServerObserver observer;

	private final LongSupplier nanoClock;

	/** The {@link #nanoClock} time from which the next failure is logged. */
	private final AtomicLong nextReportAt;

	private final AtomicLong unreported = new AtomicLong();

	GuardedWsServerObserver(WsServerObserver observer, LongSupplier nanoClock) {
		this.observer = observer;
		this.nanoClock = nanoClock;
		this.nextReportAt = new AtomicLong(nanoClock.getAsLong());
	}

	@Override
	public void onHandshake(@Nullable String path, int status) {
		try {
			this.observer.onHandshake(path, status);
		}
		catch (RuntimeException ex) {
			failed("onHandshake", ex);
		}
	}

	@Override
	public void onOpen(WsSession session) {
		try {
			this.observer.onOpen(session);
		}
		catch (RuntimeException ex) {
			failed("onOpen", ex);
		}
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		try {
			this.observer.onClose(session, status);
		}
		catch (RuntimeException ex) {
			failed("onClose", ex);
		}
	}

	@Override
	public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
		try {
			this.observer.onMessageReceived(session, text, payloadBytes);
		}
		catch (RuntimeException ex) {
			failed("onMessageReceived", ex);
		}
	}

	@Override
	public void onMessageSent(WsSession session, boolean text, int payloadBytes) {
		try {
			this.observer.onMessageSent(session, text, payloadBytes);
		}
		catch (RuntimeException ex) {
			failed("onMessageSent", ex);
		}
	}

	@Override
	public void onMessageRejected(WsSession session, int closeCode) {
		try {
			this.observer.onMessageRejected(session, closeCode);
		}
		catch (RuntimeException ex) {
			failed("onMessageRejected", ex);
		}
	}

	@Override
	public void onHandlerCompleted(WsSession session, long nanos) {
		try {
			this.observer.onHandlerCompleted(session, nanos);
		}
		catch (RuntimeException ex) {
			failed("onHandlerCompleted", ex);
		}
	}

	@Override
	public void onLimitExceeded(String limit) {
		try {
			this.observer.onLimitExceeded(limit);
		}
		catch (RuntimeException ex) {
			failed("onLimitExceeded", ex);
		}
	}

	@Override
	public void onTlsFailure(String reason) {
		try {
			this.observer.onTlsFailure(reason);
		}
		catch (RuntimeException ex) {
			failed("onTlsFailure", ex);
		}
	}

	private void failed(String event, RuntimeException ex) {
		long now = this.nanoClock.getAsLong();
		long reportAt = this.nextReportAt.get();
		// Of failures racing on several threads, only the one that moves the deadline logs.
		if (now - reportAt < 0 || !this.nextReportAt.compareAndSet(reportAt, now + REPORT_INTERVAL.toNanos())) {
			this.unreported.incrementAndGet();
			return;
		}
		long unreported = this.unreported.getAndSet(0);
		logger.warn("WebSocket server observer {} failed in {}; the server carries on without it for this event"
				+ " ({} other failures of it not logged since the last report, at most one is logged per {})",
				this.observer.getClass().getName(), event, unreported, REPORT_INTERVAL, ex);
	}

	@Override
	public String toString() {
		return "Guarded " + this.observer;
	}

}
