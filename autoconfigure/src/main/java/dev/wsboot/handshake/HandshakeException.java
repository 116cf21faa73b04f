package dev.wsboot.handshake;

/**
 * An upgrade request refused before any WebSocket exists, carrying the HTTP status and extra
 * headers of the answer that {@link #toResponse()} renders.
 *
 * <p>These are raised for whatever a remote client sends, so they record no stack trace: it
 * would always point into {@link HandshakeRequestParser} and costs time under hostile traffic.
 */
public class HandshakeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	/** Transient as headers are not serializable; these exceptions never leave the server. */
	private final transient HttpHeaders extraHeaders;

	/**
	 * Creates an exception answered with {@code status} and the short human reason
	 * {@code message}.
	 */
	public HandshakeException(int status, String message) {
		this(status, message, HttpHeaders.of());
	}

	/**
	 * Creates an exception answered with {@code status}, the short human reason {@code message}
	 * and {@code extraHeaders} (such as {@code Allow}) on top of the usual ones.
	 */
	public HandshakeException(int status, String message, HttpHeaders extraHeaders) {
		super(message, null, false, false);
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("Not an error status: " + status);
		}
		this.status = status;
		this.extraHeaders = extraHeaders.readOnlyCopy();
	}

	/** Returns an exception answered with 400 Bad Request. */
	public static HandshakeException badRequest(String reason) {
		return new HandshakeException(400, reason);
	}

	/** Returns an exception answered with 414 URI Too Long. */
	public static HandshakeException uriTooLong(String reason) {
		return new HandshakeException(414, reason);
	}

	/** Returns an exception answered with 431 Request Header Fields Too Large. */
	public static HandshakeException requestHeaderFieldsTooLarge(String reason) {
		return new HandshakeException(431, reason);
	}

	/** Returns the HTTP status to answer with. */
	public int status() {
		return this.status;
	}

	/** Returns the headers to send besides those every rejection has. */
	public HttpHeaders extraHeaders() {
		return this.extraHeaders;
	}

	/** Returns the rejection to send: the status, the message as body and the extra headers. */
	public HandshakeResponse toResponse() {
		return HandshakeResponse.reject(this.status, getMessage()).withHeaders(this.extraHeaders);
	}

}
