package dev.wsboot.test.autoconfigure;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Runs the WebSocket server of a {@code @SpringBootTest} or {@code @WsEndpointTest} on a free
 * port, {@code ws.port=0}, as {@code RANDOM_PORT} does for the web server: tests then run
 * beside a running application and beside each other. A port the test sets itself wins:
 * in its {@code properties}, {@code @TestPropertySource(properties = ...)},
 * {@code @DynamicPropertySource} or arguments; {@code ws.test.random-port=false} keeps the
 * configured port. The application's configuration files do not win: their {@code ws.port}
 * is the application's, not the test's.
 */
class WsTestPortContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean serverTest = TestContextAnnotationUtils.hasAnnotation(testClass, SpringBootTest.class)
				|| TestContextAnnotationUtils.hasAnnotation(testClass, WsEndpointTest.class);
		return serverTest ? new RandomPortCustomizer() : null;
	}

	/** Adds {@code ws.port=0} just below the test's own properties. */
	private static final class RandomPortCustomizer implements ContextCustomizer {

		private static final String PROPERTY_SOURCE_NAME = "wsTestRandomPort";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			ConfigurableEnvironment environment = context.getEnvironment();
			if (!Binder.get(environment).bind("ws.test.random-port", Boolean.class).orElse(true)) {
				return;
			}
			MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("ws.port", "0"));
			MutablePropertySources sources = environment.getPropertySources();
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
			}
			else {
				sources.addFirst(source);
			}
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof RandomPortCustomizer;
		}

		@Override
		public int hashCode() {
			return RandomPortCustomizer.class.hashCode();
		}

	}

}
