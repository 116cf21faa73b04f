package dev.wsboot.test.client;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

/**
 * How {@link WsTestClient#settle()} learns that the server has handled what the client's
 * sessions sent: a ping on each session that sent something, all at once, then their pongs,
 * then the {@link ServerActivity}, if any, all within one timeout. Apart from the client,
 * which only keeps its sessions, because this is the one wait that spans them all.
 */
final class SettleWait {

	private final Duration timeout;

	private final @Nullable ServerActivity serverActivity;

	SettleWait(Duration timeout, @Nullable ServerActivity serverActivity) {
		this.timeout = timeout;
		this.serverActivity = serverActivity;
	}

	/**
	 * Waits for the server to handle what these sessions sent, and, when {@code written} is
	 * given, to write everything it queued for that session.
	 * @throws AssertionError when the server is still busy after the timeout
	 */
	void await(Iterable<WsTestSession> sessions, @Nullable WsTestSession written) {
		List<WsTestSession> senders = new ArrayList<>();
		for (WsTestSession session : sessions) {
			if (session.isUnsettled() || session == written) {
				senders.add(session);
			}
		}
		// Pings first, all at once; then the pongs: the server has read what came before each.
		Map<WsTestSession, CountDownLatch> pongs = new LinkedHashMap<>();
		for (WsTestSession session : senders) {
			if (session.isOpen() && !session.isPaused()) {
				pongs.put(session, session.probe());
			}
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		pongs.forEach((session, pong) -> {
			if (!Latches.await(pong, remaining(deadline)) && session.isOpen()) {
				throw new AssertionError("Expected the server to answer a ping on " + session.target() + " within "
						+ Expectations.describe(this.timeout) + ", but it did not");
			}
		});
		if (this.serverActivity != null) {
			List<InetSocketAddress> connections = senders.stream().map(WsTestSession::localAddress).toList();
			this.serverActivity.awaitIdle(connections, (written != null) ? written.localAddress() : null,
					remaining(deadline));
		}
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

}
