package dev.wsboot.server.nio;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.handshake.HandshakeResponse;
import dev.wsboot.server.WsHandshakeInterceptor;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WsHandshakeInterceptor}s of one endpoint, asked in order off the I/O thread: each
 * on the executor, or, after one whose decision completed elsewhere, back on the executor,
 * so that a blocking interceptor never runs on a thread it does not own. The outcome is a
 * refusal or {@code null} to accept; it never fails.
 */
final class HandshakeInterceptors {

	private static final Logger logger = LoggerFactory.getLogger(HandshakeInterceptors.class);

	private final WsHandshakeInterceptor[] interceptors;

	private HandshakeInterceptors(List<WsHandshakeInterceptor> interceptors) {
		this.interceptors = interceptors.toArray(new WsHandshakeInterceptor[0]);
	}

	/**
	 * The interceptors that apply to each endpoint, by template; endpoints none applies to are
	 * left out, and their handshakes decided on the I/O thread.
	 */
	static Map<String, HandshakeInterceptors> byTemplate(List<WsHandshakeInterceptor> interceptors,
			Iterable<String> templates) {
		Map<String, HandshakeInterceptors> byTemplate = new HashMap<>();
		if (interceptors.isEmpty()) {
			return byTemplate;
		}
		for (String template : templates) {
			List<WsHandshakeInterceptor> applying = interceptors.stream()
				.filter((interceptor) -> interceptor.appliesTo(template))
				.toList();
			if (!applying.isEmpty()) {
				byTemplate.put(template, new HandshakeInterceptors(applying));
			}
		}
		return byTemplate;
	}

	/**
	 * Asks every interceptor about {@code upgrade}, on {@code executor}.
	 * @return the refusal, or {@code null} once all let the upgrade go on
	 */
	CompletableFuture<@Nullable HandshakeResponse> decide(WsUpgrade upgrade, Executor executor) {
		CompletableFuture<@Nullable HandshakeResponse> outcome = new CompletableFuture<>();
		submit(0, upgrade, executor, outcome);
		return outcome;
	}

	private void submit(int index, WsUpgrade upgrade, Executor executor,
			CompletableFuture<@Nullable HandshakeResponse> outcome) {
		try {
			executor.execute(() -> ask(index, upgrade, executor, outcome));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("No worker free to decide on the upgrade to {}", upgrade.request().path());
			outcome.complete(HandshakeResponse.reject(503, "Too busy to decide on the upgrade; try again later")
				.withHeader("Retry-After", "5"));
		}
	}

	private void ask(int index, WsUpgrade upgrade, Executor executor,
			CompletableFuture<@Nullable HandshakeResponse> outcome) {
		CompletionStage<?> decision;
		try {
			decision = this.interceptors[index].beforeUpgradeAsync(upgrade);
		}
		catch (Throwable ex) {
			outcome.complete(refusal(ex, upgrade));
			return;
		}
		if (decision == null) {
			// Not the contract, but nothing was decided against the upgrade either.
			decision = CompletableFuture.completedFuture(null);
		}
		Thread asking = Thread.currentThread();
		decision.whenComplete((result, failure) -> {
			if (failure != null) {
				outcome.complete(refusal(failure, upgrade));
			}
			else if (index + 1 == this.interceptors.length) {
				outcome.complete(null);
			}
			else if (Thread.currentThread() == asking) {
				ask(index + 1, upgrade, executor, outcome);
			}
			else {
				submit(index + 1, upgrade, executor, outcome);
			}
		});
	}

	private static HandshakeResponse refusal(Throwable failure, WsUpgrade upgrade) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof HandshakeException refused) {
			return refused.toResponse();
		}
		logger.error("Handshake interceptor failed for {}", upgrade.request().path(), cause);
		return HandshakeResponse.reject(500, "Internal Server Error");
	}

}
