package dev.wsboot.test.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The free port a test gets unless it sets one itself. */
class WsTestPortContextCustomizerFactoryTests {

	private final WsTestPortContextCustomizerFactory factory = new WsTestPortContextCustomizerFactory();

	@Test
	void runsTheServerOfASpringBootTestOnAFreePortRatherThanTheConfiguredOne() {
		assertThat(portAfterCustomizing(Map.of("ws.port", "8081"), Map.of())).isEqualTo("0");
	}

	@Test
	void leavesThePortATestSetsItself() {
		assertThat(portAfterCustomizing(Map.of("ws.port", "8081"), Map.of("ws.port", "9999"))).isEqualTo("9999");
	}

	@Test
	void leavesTheConfiguredPortWhenTheTestAsks() {
		assertThat(portAfterCustomizing(Map.of("ws.port", "8081", "ws.test.random-port", "false"), Map.of()))
			.isEqualTo("8081");
	}

	@Test
	void leavesTestsThatStartNoServerAlone() {
		assertThat(this.factory.createContextCustomizer(PlainTest.class, List.of())).isNull();
	}

	@Test
	void sharesOneApplicationContextBetweenTests() {
		assertThat(this.factory.createContextCustomizer(BootTest.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(SliceTest.class, List.of()));
	}

	private String portAfterCustomizing(Map<String, Object> configured, Map<String, Object> inlined) {
		ContextCustomizer customizer = this.factory.createContextCustomizer(BootTest.class, List.of());
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("application", configured));
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, inlined));
			customizer.customizeContext(context, mock());
			return context.getEnvironment().getProperty("ws.port");
		}
	}

	@SpringBootTest
	static class BootTest {

	}

	@WsEndpointTest
	static class SliceTest {

	}

	static class PlainTest {

	}

}
