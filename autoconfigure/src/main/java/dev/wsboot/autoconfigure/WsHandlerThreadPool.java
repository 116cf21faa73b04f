package dev.wsboot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default handler executor on platform threads: a fixed-size {@link ThreadPoolExecutor}
 * with a bounded queue that, when the context closes, lets the calls it holds finish for a
 * while before interrupting them.
 *
 * <p>The server has stopped by the time the executor is destroyed, but the calls it queued
 * while stopping, such as the {@code @OnClose} of the sessions it closed, may still wait for
 * a thread; {@code shutdownNow()} alone would drop them.
 */
final class WsHandlerThreadPool extends ThreadPoolExecutor {

	/** How long the calls still queued at context close may take before they are interrupted. */
	static final Duration TERMINATION_TIMEOUT = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(WsHandlerThreadPool.class);

	WsHandlerThreadPool(int threads, int queueCapacity, Duration keepAlive, ThreadFactory threadFactory) {
		super(threads, threads, keepAlive.toNanos(), TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(queueCapacity),
				threadFactory);
		allowCoreThreadTimeOut(!keepAlive.isZero());
	}

	/**
	 * Stops taking calls, waits up to {@link #TERMINATION_TIMEOUT} for those running and
	 * queued, and then interrupts the running ones and drops the rest.
	 */
	public void shutdownGracefully() {
		shutdown();
		try {
			if (awaitTermination(TERMINATION_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		List<Runnable> dropped = shutdownNow();
		logger.warn("WebSocket handler calls still running {} after shutdown were interrupted, and {} queued ones"
				+ " were dropped", TERMINATION_TIMEOUT, dropped.size());
	}

}
