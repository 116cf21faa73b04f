package dev.wsboot.handshake;

import org.jspecify.annotations.Nullable;

/**
 * Decides on an upgrade request: the bean the server asks, once per connection, whether and how
 * to turn it into a WebSocket.
 *
 * <p>A {@code 101 Switching Protocols} response accepts; anything else is sent as is and the
 * connection closed. The default is {@link Rfc6455HandshakeHandler}. Implementations run on the
 * server's I/O threads, so they must be thread-safe and must not block for long.
 *
 * <p>To add checks such as authentication, decorate the default rather than replace it:
 * <pre class="code">
 * &#64;Bean
 * HandshakeHandler handshakeHandler() {
 *     HandshakeHandler standard = new Rfc6455HandshakeHandler(List.of("https://example.com"));
 *     return (request, target) -&gt; (request.header("Authorization") != null)
 *             ? standard.handshake(request, target)
 *             : HandshakeResponse.reject(401, "Log in first").withHeader("WWW-Authenticate", "Bearer");
 * }
 * </pre>
 */
@FunctionalInterface
public interface HandshakeHandler {

	/**
	 * Returns the answer to {@code request}.
	 * @param request the parsed upgrade request
	 * @param target the endpoint serving {@code request.path()}, or {@code null} if none does
	 * @return {@link HandshakeResponse#accept} to switch to WebSocket, anything else to refuse
	 */
	HandshakeResponse handshake(HandshakeRequest request, @Nullable UpgradeTarget target);

}
