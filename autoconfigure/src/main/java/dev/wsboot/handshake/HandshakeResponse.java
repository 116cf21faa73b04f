package dev.wsboot.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.wsboot.protocol.extension.ExtensionAgreement;
import org.jspecify.annotations.Nullable;

/**
 * The server's answer to an upgrade request: {@code 101 Switching Protocols}, after which the
 * connection speaks WebSocket, or any other status, after which it is closed.
 *
 * <p>{@link #accept} and {@link #reject} build the answers of RFC 6455 §4.2.2, and
 * {@link #withHeader} adds to them, which is all a custom {@link HandshakeHandler} needs to
 * answer in its own way, for example {@code reject(401, "Log in first")
 * .withHeader("WWW-Authenticate", "Bearer")}. Instances are immutable.
 */
public final class HandshakeResponse {

	private static final byte[] NO_BODY = {};

	private static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	private final @Nullable String subprotocol;

	private final List<ExtensionAgreement> extensions;

	private HandshakeResponse(int status, HttpHeaders headers, byte[] body, @Nullable String subprotocol,
			List<ExtensionAgreement> extensions) {
		this.status = status;
		this.headers = headers.readOnlyCopy();
		this.body = body;
		this.subprotocol = subprotocol;
		this.extensions = extensions;
	}

	/**
	 * Returns the {@code 101 Switching Protocols} answer of RFC 6455 §4.2.2 item 5 for the
	 * client's {@code Sec-WebSocket-Key}, naming {@code subprotocol} if one was selected.
	 */
	public static HandshakeResponse accept(String secWebSocketKey, @Nullable String subprotocol) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Upgrade", "websocket");
		headers.add("Connection", "Upgrade");
		headers.add("Sec-WebSocket-Accept", AcceptKey.compute(secWebSocketKey));
		if (subprotocol != null) {
			// RFC 6455 §4.1: subprotocol names are tokens, so anything else is a server bug.
			if (!HttpChars.isToken(subprotocol)) {
				throw new IllegalArgumentException("Subprotocol is not a token: '" + subprotocol + "'");
			}
			headers.add("Sec-WebSocket-Protocol", subprotocol);
		}
		return new HandshakeResponse(101, headers, NO_BODY, subprotocol, List.of());
	}

	/**
	 * Returns a refusal with {@code status}, a plain-text body of {@code message},
	 * {@code X-Content-Type-Options: nosniff} and {@code Connection: close}, since the
	 * connection ends after it.
	 * @param status any final status from 200 to 599
	 */
	public static HandshakeResponse reject(int status, String message) {
		if (status < 200 || status > 599) {
			throw new IllegalArgumentException("Not a final status for a refusal: " + status);
		}
		byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
		HttpHeaders headers = new HttpHeaders();
		headers.add("Content-Type", "text/plain; charset=utf-8");
		// Messages may echo the request, such as the path of a 404: a browser must not sniff
		// such a body into HTML and run what a link put into it.
		headers.add("X-Content-Type-Options", "nosniff");
		headers.add("Content-Length", Integer.toString(body.length));
		headers.add("Connection", "close");
		return new HandshakeResponse(status, headers, body, null, List.of());
	}

	/**
	 * Returns a copy with one more header field after the others.
	 * @throws IllegalArgumentException for {@code Sec-WebSocket-Extensions}, which only
	 * {@link #withExtensions} may set, so that no extension is announced that the connection
	 * does not run
	 */
	public HandshakeResponse withHeader(String name, String value) {
		if (name.equalsIgnoreCase(EXTENSIONS_HEADER)) {
			throw new IllegalArgumentException("Extensions are agreed with withExtensions, not as a header");
		}
		HttpHeaders headers = this.headers.copy();
		headers.add(name, value);
		return new HandshakeResponse(this.status, headers, this.body, this.subprotocol, this.extensions);
	}

	/** Returns a copy with all of {@code extra} after the other header fields. */
	HandshakeResponse withHeaders(HttpHeaders extra) {
		HttpHeaders headers = this.headers.copy();
		extra.forEach(headers::add);
		return new HandshakeResponse(this.status, headers, this.body, this.subprotocol, this.extensions);
	}

	/**
	 * Returns a copy of this acceptance that agrees to {@code agreements}, in the order they
	 * are applied, announcing them in {@code Sec-WebSocket-Extensions} (RFC 6455 §9.1).
	 * @throws IllegalStateException when this is not an acceptance, or already agrees to extensions
	 */
	public HandshakeResponse withExtensions(List<ExtensionAgreement> agreements) {
		if (!isAccepted() || !this.extensions.isEmpty()) {
			throw new IllegalStateException("Extensions are agreed once, in an acceptance");
		}
		if (agreements.isEmpty()) {
			return this;
		}
		HttpHeaders headers = this.headers.copy();
		headers.add(EXTENSIONS_HEADER,
				agreements.stream().map((agreement) -> agreement.response().toString()).collect(Collectors.joining(", ")));
		return new HandshakeResponse(this.status, headers, this.body, this.subprotocol, List.copyOf(agreements));
	}

	/** Returns the HTTP status code. */
	public int status() {
		return this.status;
	}

	/** Returns the standard reason phrase of the status, empty for uncommon ones. */
	public String reason() {
		return ReasonPhrase.of(this.status);
	}

	/** Returns the header fields, read-only. */
	public HttpHeaders headers() {
		return this.headers;
	}

	/** Returns a copy of the body, empty for an acceptance. */
	public byte[] body() {
		return this.body.clone();
	}

	/** Returns the subprotocol this acceptance selected, or {@code null}. */
	public @Nullable String subprotocol() {
		return this.subprotocol;
	}

	/** Returns the extensions this acceptance agreed to, in the order they are applied. */
	public List<ExtensionAgreement> extensions() {
		return this.extensions;
	}

	/** Whether this is {@code 101 Switching Protocols}, so the connection turns WebSocket. */
	public boolean isAccepted() {
		return this.status == 101;
	}

	/** Returns the response as sent: status line, header lines, blank line and body. */
	public byte[] toBytes() {
		// Sized first, then written once: a handshake leaves no builder or string behind.
		String reason = reason();
		String status = Integer.toString(this.status);
		int[] size = { 9 + status.length() + 1 + reason.length() + 2 + 2 + this.body.length };
		this.headers.forEach((name, value) -> size[0] += name.length() + 2 + value.length() + 2);
		byte[] bytes = new byte[size[0]];
		int[] at = { 0 };
		at[0] = put(bytes, at[0], "HTTP/1.1 ");
		at[0] = put(bytes, at[0], status);
		bytes[at[0]++] = ' ';
		at[0] = put(bytes, at[0], reason);
		at[0] = put(bytes, at[0], "\r\n");
		this.headers.forEach((name, value) -> {
			at[0] = put(bytes, at[0], name);
			at[0] = put(bytes, at[0], ": ");
			at[0] = put(bytes, at[0], value);
			at[0] = put(bytes, at[0], "\r\n");
		});
		at[0] = put(bytes, at[0], "\r\n");
		System.arraycopy(this.body, 0, bytes, at[0], this.body.length);
		return bytes;
	}

	/** Writes a string as ISO-8859-1 (RFC 9110 §5.5: field values are octets, historically Latin-1). */
	private static int put(byte[] dest, int offset, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// HttpHeaders.add lets no such char in; checked again because casting one to a byte
			// would keep its low byte, and U+010A would go out as a line feed.
			if (c > 0xFF) {
				throw new IllegalStateException("Not a Latin-1 character in a response head: U+"
						+ Integer.toHexString(c).toUpperCase(Locale.ROOT));
			}
			dest[offset + i] = (byte) c;
		}
		return offset + text.length();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof HandshakeResponse that) && this.status == that.status
				&& this.headers.equals(that.headers) && Arrays.equals(this.body, that.body)
				&& Objects.equals(this.subprotocol, that.subprotocol);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.status, this.headers, Arrays.hashCode(this.body), this.subprotocol);
	}

	@Override
	public String toString() {
		return "HandshakeResponse[" + this.status + " " + reason() + ", " + this.headers + "]";
	}

}
