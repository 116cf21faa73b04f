package dev.wsboot.server;

/**
 * Customizes the server factory before the server is created, after the {@code ws.*}
 * properties were applied. Beans of this type are applied in {@code @Order}.
 */
@FunctionalInterface
public interface WsServerCustomizer {

	/** Changes the factory's settings. */
	void customize(ConfigurableWsServerFactory factory);

}
