package dev.wsboot.autoconfigure.actuate;

import dev.wsboot.actuate.endpoint.WebSocketsEndpoint;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketsEndpointAutoConfiguration}. In Spring Boot 4.1 an endpoint is
 * available when its access is not {@code none} and it is exposed over HTTP, or over JMX
 * with {@code spring.jmx.enabled=true}; neither exposure includes it by default.
 */
class WebSocketsEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsAutoConfiguration.class, WebSocketsEndpointAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		// As SpringApplication does, so that "none" converts to Access.NONE as it would in an application.
		.withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void addsTheEndpointWhenExposedOverHttp() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=websockets")
			.run((context) -> assertThat(context).hasSingleBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsTheEndpointWhenEveryEndpointIsExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=*")
			.run((context) -> assertThat(context).hasSingleBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsTheEndpointWhenExposedOverJmx() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=websockets")
			.run((context) -> assertThat(context).hasSingleBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsNoEndpointWhenNotExposed() {
		this.contextRunner
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsNoEndpointWhenExposedOverJmxWithJmxDisabled() {
		this.contextRunner.withPropertyValues("management.endpoints.jmx.exposure.include=websockets")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsNoEndpointWhenExposedButExcluded() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=websockets")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsNoEndpointWhenItsAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=websockets",
					"management.endpoint.websockets.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketsEndpoint.class));
	}

	@Test
	void addsNoEndpointWhenTheServerIsDisabled() {
		this.contextRunner
			.withPropertyValues("ws.enabled=false", "management.endpoints.web.exposure.include=websockets")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WsServerBootstrap.class)
				.doesNotHaveBean(WebSocketsEndpoint.class));
	}

}
