package dev.wsboot.context;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Sets the {@value #PROPERTY_NAME} property to the port the WebSocket server listens on,
 * when a {@link WsServerInitializedEvent} arrives, in this context's environment and its
 * parents'; {@link LocalWsServerPort @LocalWsServerPort} reads it.
 */
public class WsServerPortInfoApplicationContextInitializer
		implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The name of the property holding the port. */
	public static final String PROPERTY_NAME = "local.ws.server.port";

	/** The property source holding the port, shared with Spring Boot's own servers. */
	static final String PROPERTY_SOURCE_NAME = "server.ports";

	@Override
	public void initialize(ConfigurableApplicationContext applicationContext) {
		applicationContext.addApplicationListener(new Listener(applicationContext));
	}

	private static final class Listener implements ApplicationListener<WsServerInitializedEvent> {

		private final ConfigurableApplicationContext applicationContext;

		Listener(ConfigurableApplicationContext applicationContext) {
			this.applicationContext = applicationContext;
		}

		@Override
		public void onApplicationEvent(WsServerInitializedEvent event) {
			InetSocketAddress address = event.getServer().address();
			if (address != null) {
				setPort(this.applicationContext, address.getPort());
			}
		}

		private void setPort(ApplicationContext context, int port) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				setPort(configurable.getEnvironment(), port);
			}
			if (context.getParent() != null) {
				setPort(context.getParent(), port);
			}
		}

		@SuppressWarnings("unchecked")
		private void setPort(ConfigurableEnvironment environment, int port) {
			MutablePropertySources sources = environment.getPropertySources();
			PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
				sources.addFirst(source);
			}
			((Map<String, Object>) source.getSource()).put(PROPERTY_NAME, port);
		}

	}

}
