package dev.wsboot.endpoint;

/**
 * A {@link WsEndpoint @WsEndpoint} is declared in a way that cannot work, found when the
 * application starts and reported with its {@link #getAction() fix} as the reason the
 * application failed to start.
 */
public class WsEndpointDefinitionException extends RuntimeException {

	private final String action;

	/**
	 * Creates an exception.
	 * @param description what is wrong, naming the endpoint class and method
	 * @param action how to fix it
	 */
	public WsEndpointDefinitionException(String description, String action) {
		super(description);
		this.action = action;
	}

	/** How to fix the definition. */
	public String getAction() {
		return this.action;
	}

}
