package dev.wsboot.autoconfigure.actuate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wsboot.actuate.metrics.WsServerMetrics;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerBootstrap;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WsMetricsAutoConfiguration}.
 */
class WsMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void recordsMetricsWhenTheApplicationHasAMeterRegistry() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(WsServerMetrics.class));
	}

	@Test
	void recordsNoMetricsWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(WsServerBootstrap.class)
			.doesNotHaveBean(WsServerMetrics.class));
	}

	@Test
	void backsOffWhenMicrometerIsNotOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WsServerBootstrap.class)
				.doesNotHaveBean(WsServerMetrics.class));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnMetrics() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean("customMetrics", WsServerMetrics.class, () -> new WsServerMetrics(new SimpleMeterRegistry()))
			.run((context) -> assertThat(context.getBeanNamesForType(WsServerMetrics.class))
				.containsExactly("customMetrics"));
	}

	@Test
	void passesEveryEventToTheMetricsAndToTheApplicationsObserver() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(RecordingObserver.class, RecordingObserver::new)
			.withUserConfiguration(EchoEndpoint.class)
			.run((context) -> {
				JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
				assertThat(client.echo("observed")).isEqualTo("observed");
				client.close();
				RecordingObserver observer = context.getBean(RecordingObserver.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().untilAsserted(() -> {
					assertThat(observer.events).containsExactlyInAnyOrder("handshake /echo 101", "open /echo",
							"received /echo text 8", "sent /echo text 8", "handled /echo", "close /echo 1000");
					assertThat(registry.get("ws.server.handshakes").tag("path", "/echo").counter().count())
						.isEqualTo(1);
					assertThat(registry.get("ws.server.messages.received").tag("path", "/echo").summary().count())
						.isEqualTo(1);
					assertThat(registry.get("ws.server.closes").tag("code", "1000").counter().count()).isEqualTo(1);
				});
			});
	}

	@Test
	void createsNoMetricsWhenTheServerIsDisabled() {
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("ws.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WsServerBootstrap.class)
				.doesNotHaveBean(WsServerMetrics.class));
	}


	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	/** An application's own observer, recording events in the order they arrive. */
	static class RecordingObserver implements WsServerObserver {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onHandshake(@Nullable String path, int status) {
			this.events.add("handshake " + path + " " + status);
		}

		@Override
		public void onOpen(WsSession session) {
			this.events.add("open " + session.path());
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.events.add("close " + session.path() + " " + status.code());
		}

		@Override
		public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
			this.events.add("received " + session.path() + (text ? " text " : " binary ") + payloadBytes);
		}

		@Override
		public void onMessageSent(WsSession session, boolean text, int payloadBytes) {
			this.events.add("sent " + session.path() + (text ? " text " : " binary ") + payloadBytes);
		}

		@Override
		public void onHandlerCompleted(WsSession session, long nanos) {
			this.events.add("handled " + session.path());
		}

	}

}
