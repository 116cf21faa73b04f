package dev.wsboot.operations;

import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.operations.RawWsClient.Frame;
import dev.wsboot.testsupport.LocalPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ws.idle-timeout} closes sessions that stay silent, and {@code ws.ping-interval}
 * keeps those whose peer answers pings alive. The JDK client answers every ping with a
 * pong by itself; a peer that does not is played by a {@link RawWsClient}.
 */
class IdleTimeoutTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void closesASilentSessionWithGoingAway() {
		this.contextRunner.withPropertyValues("ws.idle-timeout=300ms").run((context) -> {
			WsTestClient client = WsTestClient.connect(LocalPort.of(context), "/echo");
			assertThat(client.awaitCloseCode()).isEqualTo(1001);
			assertThat(client.pings()).isZero();
		});
	}

	@Test
	void closesAPeerThatNeverAnswersPings() {
		this.contextRunner.withPropertyValues("ws.ping-interval=100ms", "ws.idle-timeout=300ms").run((context) -> {
			try (RawWsClient client = RawWsClient.connect(LocalPort.of(context))) {
				assertThat(client.upgrade("/echo")).isEqualTo(101);
				int pings = 0;
				Frame frame = client.readFrame();
				while (frame.opcode() == Frame.PING) {
					pings++;
					frame = client.readFrame();
				}
				assertThat(frame.opcode()).isEqualTo(Frame.CLOSE);
				assertThat(frame.closeCode()).isEqualTo(1001);
				assertThat(pings).isPositive();
			}
		});
	}

	@Test
	void keepsASessionWhosePeerAnswersPingsOpenPastTheIdleTimeout() {
		this.contextRunner.withPropertyValues("ws.ping-interval=100ms", "ws.idle-timeout=600ms").run((context) -> {
			WsTestClient client = WsTestClient.connect(LocalPort.of(context), "/echo");
			// Pings are at least 100 ms apart, so the tenth comes more than a second after
			// the handshake: well past the idle timeout, had the pongs not counted.
			await().untilAsserted(() -> assertThat(client.pings()).isGreaterThanOrEqualTo(10));
			assertThat(client.closeCode()).isNotDone();
			assertThat(client.echo("still open")).isEqualTo("still open");
			assertThat(client.close()).isEqualTo(1000);
		});
	}


	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

}
