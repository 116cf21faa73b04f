package dev.wsboot.protocol;

/**
 * The status codes of RFC 6455 §7.4 and which of them may appear in a close frame.
 */
public final class CloseCodes {

	/** 1000: the purpose of the connection has been fulfilled. */
	public static final int NORMAL = 1000;

	/** 1001: an endpoint is going away (server shutdown, browser leaving the page). */
	public static final int GOING_AWAY = 1001;

	/** 1002: the peer broke the protocol. */
	public static final int PROTOCOL_ERROR = 1002;

	/** 1003: a data type the endpoint cannot accept. */
	public static final int UNSUPPORTED_DATA = 1003;

	/** 1005: no status code was present; never sent on the wire. */
	public static final int NO_STATUS = 1005;

	/** 1006: the connection closed without a close frame; never sent on the wire. */
	public static final int ABNORMAL = 1006;

	/** 1007: message data inconsistent with its type, such as invalid UTF-8 in text. */
	public static final int INVALID_PAYLOAD = 1007;

	/** 1008: a message violated the endpoint's policy. */
	public static final int POLICY_VIOLATION = 1008;

	/** 1009: a message too big to process. */
	public static final int MESSAGE_TOO_BIG = 1009;

	/** 1010: the client expected an extension the server did not negotiate. */
	public static final int MANDATORY_EXTENSION = 1010;

	/** 1011: an unexpected condition on the server. */
	public static final int INTERNAL_ERROR = 1011;

	/** 1012: the service is restarting. */
	public static final int SERVICE_RESTART = 1012;

	/** 1013: the service is overloaded; try again later. */
	public static final int TRY_AGAIN_LATER = 1013;

	/** 1015: the TLS handshake failed; never sent on the wire. */
	public static final int TLS_HANDSHAKE = 1015;

	private CloseCodes() {
	}

	/**
	 * Whether a close frame may carry this code: the registered codes meant for the wire
	 * (1000-1003, 1007-1014) and the ranges for libraries and applications (3000-4999).
	 * RFC 6455 §7.4.1 forbids 1005, 1006 and 1015 on the wire; 0-999 are unused and
	 * 1016-2999 are reserved for future RFCs.
	 */
	public static boolean isSendable(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

}
