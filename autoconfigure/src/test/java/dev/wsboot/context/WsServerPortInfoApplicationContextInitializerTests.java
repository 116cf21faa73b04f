package dev.wsboot.context;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsServerPortInfoApplicationContextInitializer}.
 */
class WsServerPortInfoApplicationContextInitializerTests {

	@Test
	void setsLocalPortPropertyWhenServerIsInitialized() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			new WsServerPortInfoApplicationContextInitializer().initialize(context);
			context.refresh();
			FakeWsServer server = new FakeWsServer(12345);
			server.start();
			context.publishEvent(new WsServerInitializedEvent(server));
			assertThat(context.getEnvironment().getProperty("local.ws.server.port", Integer.class)).isEqualTo(12345);
			assertThat(context.getEnvironment().getPropertySources().contains("server.ports")).isTrue();
		}
	}

	@Test
	void setsLocalPortPropertyInParentContextToo() {
		try (GenericApplicationContext parent = new GenericApplicationContext();
				GenericApplicationContext child = new GenericApplicationContext(parent)) {
			parent.refresh();
			new WsServerPortInfoApplicationContextInitializer().initialize(child);
			child.refresh();
			FakeWsServer server = new FakeWsServer(23456);
			server.start();
			child.publishEvent(new WsServerInitializedEvent(server));
			assertThat(parent.getEnvironment().getProperty("local.ws.server.port", Integer.class)).isEqualTo(23456);
		}
	}

}
