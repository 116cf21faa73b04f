package dev.wsboot.actuate.health;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.actuate.WsHealthContributorAutoConfiguration;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsServerHealthIndicator} against a running server.
 */
class WsServerHealthIndicatorTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsAutoConfiguration.class, WsHealthContributorAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withUserConfiguration(EchoEndpoint.class, ChatEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void isUpWithPortEndpointsAndNoSessionsWhenIdle() {
		this.contextRunner.run((context) -> {
			Health health = context.getBean(WsServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("port", LocalPort.of(context))
				.containsEntry("activeSessions", 0)
				.hasEntrySatisfying("endpoints",
						(paths) -> assertThat(paths).asInstanceOf(InstanceOfAssertFactories.LIST)
							.containsExactlyInAnyOrder("/echo", "/chat"));
		});
	}

	@Test
	void countsALiveSession() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			assertThat(client.echo("ping")).isEqualTo("ping");
			Health health = context.getBean(WsServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("activeSessions", 1).containsEntry("openConnections", 1);
			client.close();
		});
	}

	@Test
	void isDownOnceTheServerHasStopped() {
		this.contextRunner.run((context) -> {
			LocalPort.of(context);
			context.getBean(WsServerBootstrap.class).stop();
			Health health = context.getBean(WsServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).doesNotContainKey("port").containsEntry("activeSessions", 0);
		});
	}

	@Test
	void isDownOnceTheServerHasStoppedWithASessionOpen() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/chat");
			context.getBean(WsServerBootstrap.class).stop();
			assertThat(client.awaitCloseCode()).isEqualTo(1001);
			Health health = context.getBean(WsServerHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("activeSessions", 0);
		});
	}


	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/chat")
	static class ChatEndpoint {

	}

}
