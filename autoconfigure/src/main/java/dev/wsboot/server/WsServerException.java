package dev.wsboot.server;

/**
 * The server could not start or stop, for example because its port is taken.
 */
public class WsServerException extends RuntimeException {

	public WsServerException(String message) {
		super(message);
	}

	public WsServerException(String message, Throwable cause) {
		super(message, cause);
	}

}
