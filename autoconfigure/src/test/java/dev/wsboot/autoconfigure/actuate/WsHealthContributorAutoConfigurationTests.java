package dev.wsboot.autoconfigure.actuate;

import dev.wsboot.actuate.health.WsServerHealthIndicator;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsHealthContributorAutoConfiguration}.
 */
class WsHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsAutoConfiguration.class, WsHealthContributorAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void addsTheWsHealthIndicator() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WsServerHealthIndicator.class).hasBean("wsHealthIndicator");
			assertThat(context.getBean("wsHealthIndicator")).isInstanceOf(WsServerHealthIndicator.class);
		});
	}

	@Test
	void addsNoIndicatorWhenItIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.ws.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WsServerHealthIndicator.class));
	}

	@Test
	void addsNoIndicatorWhenDefaultIndicatorsAreDisabled() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WsServerHealthIndicator.class));
	}

	@Test
	void addsTheIndicatorWhenEnabledAloneAfterDefaultsAreDisabled() {
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false", "management.health.ws.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(WsServerHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesAnIndicatorOfTheSameName() {
		this.contextRunner
			.withBean("wsHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WsServerHealthIndicator.class);
				assertThat(context.getBean("wsHealthIndicator")).isInstanceOf(HealthIndicator.class);
			});
	}

	@Test
	void addsNoIndicatorWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WsServerBootstrap.class)
				.doesNotHaveBean(WsServerHealthIndicator.class));
	}

	@Test
	void addsNoIndicatorWhenTheServerIsDisabled() {
		this.contextRunner.withPropertyValues("ws.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WsServerBootstrap.class)
				.doesNotHaveBean(WsServerHealthIndicator.class));
	}

}
