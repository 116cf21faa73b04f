package dev.wsboot.operations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the application context while a client sends without pause: the server sends
 * 1001 (going away) only after the replies to every message its handler took, and the
 * context closes without waiting out the shutdown timeout.
 */
class GracefulShutdownTests {

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

	/** The sender stops by itself after this many messages, should the server never close. */
	private static final int MAX_MESSAGES = 200_000;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withUserConfiguration(SequenceEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=" + SHUTDOWN_TIMEOUT.toSeconds() + "s");

	@Test
	void repliesToEveryMessageTakenBeforeClosingWithGoingAway() {
		this.contextRunner.run((context) -> {
			SequenceEndpoint endpoint = context.getBean(SequenceEndpoint.class);
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/sequence");
			AtomicInteger sent = new AtomicInteger();
			Thread sender = new Thread(() -> sendUntilClosed(client, sent), "test-sender");
			sender.setDaemon(true);
			sender.start();
			await().until(() -> client.texts().size() >= 50);
			long shutdownStarted = System.nanoTime();
			context.close();
			Duration shutdown = Duration.ofNanos(System.nanoTime() - shutdownStarted);
			assertThat(client.awaitCloseCode()).isEqualTo(1001);
			sender.join(JdkWsClient.TIMEOUT.toMillis());
			assertThat(sender.isAlive()).as("sender still running").isFalse();
			List<String> replies = new ArrayList<>(client.texts());
			int processed = endpoint.processed.get();
			assertThat(replies).as("replies before the close frame")
				.containsExactlyElementsOf(sequence(processed));
			assertThat(processed).as("messages the handler took")
				.isGreaterThanOrEqualTo(50)
				.isLessThanOrEqualTo(sent.get());
			assertThat(shutdown).isLessThan(SHUTDOWN_TIMEOUT);
		});
	}

	private static void sendUntilClosed(JdkWsClient client, AtomicInteger sent) {
		for (int i = 1; i <= MAX_MESSAGES && !client.closeCode().isDone(); i++) {
			try {
				client.webSocket()
					.sendText("message " + i, true)
					.get(JdkWsClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				sent.incrementAndGet();
			}
			catch (Exception ex) {
				// The client's output closed after the server's close frame.
				return;
			}
		}
	}

	private static List<String> sequence(int last) {
		return IntStream.rangeClosed(1, last).mapToObj(Integer::toString).toList();
	}


	/** Answers each message with its sequence number, after a little work. */
	@WsEndpoint("/sequence")
	static class SequenceEndpoint {

		final AtomicInteger processed = new AtomicInteger();

		@OnMessage
		String next(String text) {
			CRC32 checksum = new CRC32();
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 2_000; i++) {
				checksum.update(bytes);
			}
			return Integer.toString(this.processed.incrementAndGet());
		}

	}

}
