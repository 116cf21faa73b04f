package dev.wsboot.test.autoconfigure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.test.client.ServerActivity;
import org.jspecify.annotations.Nullable;

/**
 * The server's side of the test client's connections, learnt as an observer of the server in
 * the test's JVM: the handler calls of each session's messages that have not returned, from
 * {@link #onMessageReceived} to {@link #onHandlerCompleted}, and the bytes each open session
 * has queued and not written ({@link WsSession#bufferedAmount()}).
 *
 * <p>A session that ends is still counted until the calls of its messages return: they may
 * still publish to other sessions.
 */
final class WsServerActivityObserver implements WsServerObserver, ServerActivity {

	/** How often a wait looks again: the server's state changes without telling. */
	private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

	private final Set<WsSession> open = ConcurrentHashMap.newKeySet();

	private final Map<WsSession, AtomicInteger> calls = new ConcurrentHashMap<>();

	@Override
	public void onOpen(WsSession session) {
		this.open.add(session);
	}

	@Override
	public void onClose(WsSession session, CloseStatus status) {
		this.open.remove(session);
		this.calls.computeIfPresent(session, (key, count) -> (count.get() <= 0) ? null : count);
	}

	@Override
	public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
		this.calls.computeIfAbsent(session, (key) -> new AtomicInteger()).incrementAndGet();
	}

	@Override
	public void onHandlerCompleted(WsSession session, long nanos) {
		this.calls.computeIfPresent(session,
				(key, count) -> (count.decrementAndGet() <= 0 && !this.open.contains(key)) ? null : count);
	}

	@Override
	public void awaitIdle(Collection<InetSocketAddress> connections, @Nullable InetSocketAddress written,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String busy;
		while ((busy = busy(connections, written)) != null) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("Expected the server to be done within " + timeout.toMillis() + " ms, but "
						+ busy);
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
	}

	/** What the server is still doing for these connections, or {@code null} when nothing. */
	private @Nullable String busy(Collection<InetSocketAddress> connections, @Nullable InetSocketAddress written) {
		for (Map.Entry<WsSession, AtomicInteger> entry : this.calls.entrySet()) {
			int running = entry.getValue().get();
			if (running > 0 && connections.contains(entry.getKey().remoteAddress())) {
				return running + " handler call(s) for messages of " + describe(entry.getKey()) + " had not returned";
			}
		}
		if (written != null) {
			for (WsSession session : this.open) {
				long buffered = session.bufferedAmount();
				if (buffered > 0 && session.remoteAddress().equals(written)) {
					return buffered + " bytes for " + describe(session) + " were still waiting to be written";
				}
			}
		}
		return null;
	}

	private static String describe(WsSession session) {
		return session.path() + ((session.query() != null) ? "?" + session.query() : "");
	}

}
