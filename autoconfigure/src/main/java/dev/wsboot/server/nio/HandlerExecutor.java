package dev.wsboot.server.nio;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.server.WsServerException;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor a {@link NioWsServer}'s worker-thread handlers run on: the application's,
 * checked once, or the server's own pool for each run of the server; and what happens when
 * it refuses work.
 */
final class HandlerExecutor {

	private static final Logger logger = LoggerFactory.getLogger(HandlerExecutor.class);

	/** Time after which another refused hand-off is logged, with a count of those in between. */
	private static final long REJECTION_LOG_INTERVAL_NANOS = 10_000_000_000L;

	private final @Nullable Executor configured;

	private final WsServerObserver observer;

	private final AtomicLong rejections = new AtomicLong();

	private final AtomicLong lastRejectionLog = new AtomicLong(System.nanoTime() - REJECTION_LOG_INTERVAL_NANOS);

	/**
	 * @param configured the application's executor, or {@code null} for the server's own
	 * @throws WsServerException for an executor that would drop work silently
	 */
	HandlerExecutor(@Nullable Executor configured, WsServerObserver observer) {
		checkPolicy(configured);
		this.configured = configured;
		this.observer = observer;
	}

	/**
	 * A session whose queued calls vanish never gets another call, not even {@code onClose},
	 * and a graceful stop then waits its whole timeout for it.
	 */
	private static void checkPolicy(@Nullable Executor executor) {
		if (executor instanceof ThreadPoolExecutor pool
				&& (pool.getRejectedExecutionHandler() instanceof ThreadPoolExecutor.DiscardPolicy
						|| pool.getRejectedExecutionHandler() instanceof ThreadPoolExecutor.DiscardOldestPolicy)) {
			throw new WsServerException("The handler executor discards work it cannot take ("
					+ pool.getRejectedExecutionHandler().getClass().getSimpleName()
					+ "), so a session could lose its calls, onClose included; give it a policy that throws "
					+ "RejectedExecutionException (the default), and the server runs refused work itself");
		}
	}

	/** The application's executor, or a new pool of the server's own for this run, which the caller shuts down. */
	Executor forRun() {
		return (this.configured != null) ? this.configured : ownPool();
	}

	/** Whether {@link #forRun()} made a pool that the server must shut down when it stops. */
	boolean isOwn(Executor executor) {
		return executor != this.configured;
	}

	private static ExecutorService ownPool() {
		int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "ws-handler-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), factory);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/** The executor refused a hand-off, which then runs on the I/O thread: counted, and logged now and then. */
	void onRejected(@Nullable WsSession session) {
		this.observer.onLimitExceeded("executor");
		long count = this.rejections.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastRejectionLog.get();
		if (now - last >= REJECTION_LOG_INTERVAL_NANOS && this.lastRejectionLog.compareAndSet(last, now)) {
			this.rejections.set(0);
			logger.warn("Handler executor refused work ({} times since the last report{}); running it on the I/O thread",
					count, (session != null) ? ", latest for session " + session.id() : "");
		}
	}

}
