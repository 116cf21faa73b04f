package dev.wsboot.server;

/**
 * The port the server was asked to listen on is taken.
 */
public class PortInUseException extends WsServerException {

	private final int port;

	public PortInUseException(int port, Throwable cause) {
		super("Port " + port + " is already in use", cause);
		this.port = port;
	}

	/** The port that was taken. */
	public int port() {
		return this.port;
	}

}
