package dev.wsboot.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adds a decision to the standard handshake, such as authentication: asked once the
 * {@link dev.wsboot.handshake.HandshakeHandler} accepted an upgrade request (method,
 * version, key, {@code Origin}, subprotocol) and the route's {@link WsUpgradeCheck} bound its
 * parameters, and before the {@code 101} goes out. It sees the request as its route matched
 * it, path variables and query parameters included; it may refuse with any status and
 * headers, leave attributes for the session and set the session's
 * {@link WsUpgrade#principal(java.security.Principal) principal}.
 *
 * <p>Interceptors are called in order ({@code @Order} on beans), each after the previous
 * one let the upgrade go on, never on an I/O thread: {@link #beforeUpgrade} runs on the
 * server's handler executor and may block, for a database or a token introspection call.
 * A decision made elsewhere, by a non-blocking client for example, is returned by
 * {@link #beforeUpgradeAsync} instead. While the decision is pending the connection is not
 * read, and the whole decision is bounded by the handshake timeout ({@code ws.handshake-timeout}):
 * a request still undecided then is answered with 503. A server without interceptors
 * decides on the I/O thread as it reads the request, at no extra cost.
 *
 * <p>Override one of the two methods.
 */
public interface WsHandshakeInterceptor {

	/**
	 * Whether to ask this interceptor about upgrades to the endpoint at {@code template} (such
	 * as {@code /rooms/{room}}); asked once per endpoint when the server is created. The
	 * upgrades of an endpoint no interceptor applies to are decided at once, on the I/O thread.
	 */
	default boolean appliesTo(String template) {
		return true;
	}

	/**
	 * Decides on an upgrade request on a worker thread; may block.
	 * @param upgrade the request, as its route matched it
	 * @throws dev.wsboot.handshake.HandshakeException to refuse it with its status and
	 * headers; any other exception refuses it with 500
	 */
	default void beforeUpgrade(WsUpgrade upgrade) {
	}

	/**
	 * Decides on an upgrade request, with a stage that completes when the decision is made:
	 * normally to let the upgrade go on, exceptionally with a
	 * {@link dev.wsboot.handshake.HandshakeException} to refuse it (any other exception
	 * refuses it with 500). Called on a worker thread; by default it calls
	 * {@link #beforeUpgrade} and returns a completed stage.
	 * @param upgrade the request, as its route matched it
	 */
	default CompletionStage<?> beforeUpgradeAsync(WsUpgrade upgrade) {
		beforeUpgrade(upgrade);
		return CompletableFuture.completedFuture(null);
	}

}
