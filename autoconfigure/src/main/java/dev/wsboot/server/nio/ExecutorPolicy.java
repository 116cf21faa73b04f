package dev.wsboot.server.nio;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

import dev.wsboot.server.WsServerException;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, when the server is made, a handler executor that would drop work silently: a
 * session whose queued calls vanish never gets another call, not even {@code onClose}, and
 * a graceful stop then waits its whole timeout for it.
 */
final class ExecutorPolicy {

	private ExecutorPolicy() {
	}

	static void check(@Nullable Executor executor) {
		if (executor instanceof ThreadPoolExecutor pool
				&& (pool.getRejectedExecutionHandler() instanceof ThreadPoolExecutor.DiscardPolicy
						|| pool.getRejectedExecutionHandler() instanceof ThreadPoolExecutor.DiscardOldestPolicy)) {
			throw new WsServerException("The handler executor discards work it cannot take ("
					+ pool.getRejectedExecutionHandler().getClass().getSimpleName()
					+ "), so a session could lose its calls, onClose included; give it a policy that throws "
					+ "RejectedExecutionException (the default), and the server runs refused work itself");
		}
	}

}
