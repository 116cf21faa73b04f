package dev.wsboot.operations;

import java.util.List;
import java.util.stream.IntStream;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoint methods on virtual threads ({@code spring.threads.virtual.enabled=true}). The
 * module compiles for Java 17, so {@code Thread.isVirtual()} is called reflectively; the
 * tests are skipped on a JVM older than 21.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withUserConfiguration(ThreadEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s", "spring.threads.virtual.enabled=true");

	@Test
	void runsMessageMethodsOnVirtualThreads() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/thread");
			assertThat(client.echo("virtual?")).isEqualTo("virtual? true");
			client.close();
		});
	}

	@Test
	void keepsTheOrderOfOneSessionsMessages() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/thread");
			List<String> messages = IntStream.rangeClosed(1, 100).mapToObj((i) -> "m" + i).toList();
			for (String message : messages) {
				client.sendText(message);
			}
			for (String message : messages) {
				assertThat(client.nextText()).isEqualTo(message + " true");
			}
			client.close();
		});
	}


	/** Answers each message with itself and whether the method ran on a virtual thread. */
	@WsEndpoint("/thread")
	static class ThreadEndpoint {

		@OnMessage
		String reply(String text) throws ReflectiveOperationException {
			Object virtual = Thread.class.getMethod("isVirtual").invoke(Thread.currentThread());
			return text + " " + virtual;
		}

	}

}
