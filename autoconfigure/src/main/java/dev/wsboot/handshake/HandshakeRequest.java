package dev.wsboot.handshake;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The head of an HTTP/1.1 upgrade request, as read by {@link HandshakeRequestParser} and judged
 * by a {@link HandshakeHandler}.
 *
 * @param method the request method, case as sent ({@code GET})
 * @param target the raw request-target ({@code /chat?room=1}, or {@code http://host/chat} in
 * absolute form)
 * @param path the path of the target, before any {@code ?}, percent-encoding left as sent
 * @param query the part of the target after the first {@code ?}, or {@code null} if there is no
 * {@code ?}
 * @param httpVersion the protocol version as sent ({@code HTTP/1.1})
 * @param headers the header fields, read-only
 */
public record HandshakeRequest(String method, String target, String path, @Nullable String query,
		String httpVersion, HttpHeaders headers) {

	public HandshakeRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(httpVersion, "httpVersion");
		headers = headers.readOnlyCopy();
	}

	/** Returns the first value of the named header, or {@code null} if it is absent. */
	public @Nullable String header(String name) {
		return this.headers.first(name);
	}

}
