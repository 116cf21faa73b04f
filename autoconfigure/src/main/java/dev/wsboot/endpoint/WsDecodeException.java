package dev.wsboot.endpoint;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;

/**
 * A message the peer sent that an endpoint cannot take: malformed or invalid for its type
 * (1007, RFC 6455 §7.4.1 "data within a message that was not consistent with the type of the
 * message"), or of a type the endpoint has no method for (1003). A client's fault, never the
 * server's: it ends the session with that code unless the endpoint has an
 * {@link OnError @OnError} method taking this exception, which may answer and keep it open.
 * Message codecs throw it; so may a {@link WsArgumentResolver}, or an {@link OnMessage}
 * method that finds the message unfit.
 */
public class WsDecodeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int closeCode;

	/**
	 * @param closeCode {@link CloseCodes#INVALID_PAYLOAD} or {@link CloseCodes#UNSUPPORTED_DATA}
	 * @param message a short reason, sent in the close frame (cut to fit)
	 */
	public WsDecodeException(int closeCode, String message, @Nullable Throwable cause) {
		super(message, cause, false, false);
		this.closeCode = closeCode;
	}

	/** A message that is not valid for its type: 1007. */
	public static WsDecodeException invalid(String message, @Nullable Throwable cause) {
		return new WsDecodeException(CloseCodes.INVALID_PAYLOAD, message, cause);
	}

	/** A message of a type the endpoint has no method for: 1003. */
	public static WsDecodeException unsupported(String message, @Nullable Throwable cause) {
		return new WsDecodeException(CloseCodes.UNSUPPORTED_DATA, message, cause);
	}

	/** The close code the session ends with when no {@code @OnError} method takes this. */
	public int closeCode() {
		return this.closeCode;
	}

	/** The close status to send: the code, and this exception's message as reason (cut to fit when sent). */
	public CloseStatus toCloseStatus() {
		return new CloseStatus(this.closeCode, getMessage());
	}

}
