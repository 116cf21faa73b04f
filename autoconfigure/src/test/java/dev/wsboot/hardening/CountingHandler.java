package dev.wsboot.hardening;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.EchoHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An echo handler that counts, per session, the calls the server owes it: one
 * {@code onOpen}, then one {@code onClose}; and that throws on the text {@code "boom"}.
 */
final class CountingHandler extends EchoHandler {

	static final String BOOM = "boom";

	private final Map<String, AtomicInteger> closesBySession = new ConcurrentHashMap<>();

	final List<Integer> closeCodes = new CopyOnWriteArrayList<>();

	final List<Throwable> errors = new CopyOnWriteArrayList<>();

	final List<Throwable> thrown = new CopyOnWriteArrayList<>();

	@Override
	public void onOpen(WsSession session) {
		assertThat(this.closesBySession.putIfAbsent(session.id(), new AtomicInteger())).as("second onOpen").isNull();
	}

	@Override
	public void onText(WsSession session, String text) {
		if (BOOM.equals(text)) {
			IllegalStateException failure = new IllegalStateException("Handler failed on purpose");
			this.thrown.add(failure);
			throw failure;
		}
		super.onText(session, text);
	}

	@Override
	public void onError(WsSession session, Throwable error) {
		this.errors.add(error);
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		AtomicInteger closes = this.closesBySession.get(session.id());
		if (closes == null) {
			// onClose without onOpen: record it so that the check below fails.
			this.closesBySession.put(session.id(), new AtomicInteger(1_000));
			return;
		}
		this.closeCodes.add(status.code());
		closes.incrementAndGet();
	}

	int opened() {
		return this.closesBySession.size();
	}

	int closed() {
		return this.closesBySession.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	/** Checks that every session opened was closed exactly once. */
	void assertEachClosedOnce() {
		assertThat(this.closesBySession.values()).allSatisfy((closes) -> assertThat(closes).hasValue(1));
	}

}
