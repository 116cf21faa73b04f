package dev.wsboot.testsupport;

import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The port a test context's WebSocket server listens on, as published in
 * {@code local.ws.server.port}.
 */
public final class LocalPort {

	private LocalPort() {
	}

	/** The bound port; fails the test when the server did not publish one. */
	public static int of(ApplicationContext context) {
		Integer port = context.getEnvironment().getProperty("local.ws.server.port", Integer.class);
		assertThat(port).as("local.ws.server.port").isNotNull();
		return port;
	}

}
