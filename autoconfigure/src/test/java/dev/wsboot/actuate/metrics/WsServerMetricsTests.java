package dev.wsboot.actuate.metrics;

import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.actuate.WsMetricsAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.FakeWsSession;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.QueryParam;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import dev.wsboot.testsupport.RawWsClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WsServerMetrics}: the meters move as a real client talks to a real server.
 * Meters are read with Awaitility where the server records them on its own threads after
 * the client has already seen the effect.
 */
class WsServerMetricsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	private final ApplicationContextRunner roomsRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, WsMetricsAutoConfiguration.class,
				JacksonAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(RoomEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s");

	@Test
	void gaugesActiveSessionsPerPath() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			RequiredSearch active = registry.get("ws.server.sessions.active").tag("path", "/echo");
			assertThat(active.gauge().value()).isZero();
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			await().untilAsserted(() -> assertThat(active.gauge().value()).isEqualTo(1));
			client.close();
			await().untilAsserted(() -> assertThat(active.gauge().value()).isZero());
		});
	}

	@Test
	void countsAcceptedHandshakes() {
		this.contextRunner.run((context) -> {
			JdkWsClient.connect(LocalPort.of(context), "/echo").close();
			JdkWsClient.connect(LocalPort.of(context), "/echo").close();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.get("ws.server.handshakes")
				.tags("path", "/echo", "outcome", "accepted", "status", "101")
				.counter()
				.count()).isEqualTo(2));
		});
	}

	@Test
	void countsRefusedHandshakesToAnUnknownPathUnderPathNone() {
		this.contextRunner.run((context) -> {
			try (RawWsClient client = RawWsClient.connect(LocalPort.of(context))) {
				assertThat(client.upgrade("/nowhere").status()).isEqualTo(404);
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.get("ws.server.handshakes")
				.tags("path", "none", "outcome", "refused", "status", "404")
				.counter()
				.count()).isEqualTo(1));
			assertThat(registry.find("ws.server.handshakes").tag("path", "/nowhere").counters()).isEmpty();
		});
	}

	@Test
	void summarizesMessagesAndPayloadBytesByDirectionAndType() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			assertThat(client.echo("hello")).isEqualTo("hello");
			assertThat(client.echo("hi")).isEqualTo("hi");
			client.sendBinary(new byte[] { 1, 2, 3 });
			assertThat(client.nextBinary()).containsExactly(1, 2, 3);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (String name : new String[] { "ws.server.messages.received", "ws.server.messages.sent" }) {
				await().untilAsserted(() -> {
					RequiredSearch text = registry.get(name).tags("path", "/echo", "type", "text");
					assertThat(text.summary().count()).as(name + " text count").isEqualTo(2);
					assertThat(text.summary().totalAmount()).as(name + " text bytes").isEqualTo(7);
					RequiredSearch binary = registry.get(name).tags("path", "/echo", "type", "binary");
					assertThat(binary.summary().count()).as(name + " binary count").isEqualTo(1);
					assertThat(binary.summary().totalAmount()).as(name + " binary bytes").isEqualTo(3);
				});
			}
			client.close();
		});
	}

	@Test
	void timesEveryHandlerCall() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			client.echo("one");
			client.echo("two");
			client.sendBinary(new byte[] { 3 });
			client.nextBinary();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(
					registry.get("ws.server.message.handling").tag("path", "/echo").timer().count())
				.isEqualTo(3));
			client.close();
		});
	}

	@Test
	void countsClosesByCode() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			assertThat(client.close()).isEqualTo(1000);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(
					registry.get("ws.server.closes").tags("path", "/echo", "code", "1000").counter().count())
				.isEqualTo(1));
		});
	}

	@Test
	void countsTheCloseCodesAPeerMayChooseInOneSeriesPerRange() {
		MeterRegistry registry = new SimpleMeterRegistry();
		WsServerMetrics metrics = new WsServerMetrics(registry);
		FakeWsSession session = new FakeWsSession();
		for (int code = 3000; code < 3100; code++) {
			metrics.onClose(session, new CloseStatus(code, ""));
		}
		assertThat(registry.find("ws.server.closes").counters()).singleElement().satisfies((counter) -> {
			assertThat(counter.getId().getTag("code")).isEqualTo("3xxx");
			assertThat(counter.count()).isEqualTo(100);
		});
	}

	@ParameterizedTest(name = "{0} as {1}")
	@CsvSource({ "1000, 1000", "1001, 1001", "1006, 1006", "1011, 1011", "1015, 1015", "3000, 3xxx", "3999, 3xxx",
			"4000, 4xxx", "4999, 4xxx", "999, other", "1016, other", "2999, other", "5000, other", "65535, other" })
	void tagsARegisteredCloseCodeAsItselfAndAnyOtherByItsRange(int code, String tag) {
		MeterRegistry registry = new SimpleMeterRegistry();
		new WsServerMetrics(registry).onClose(new FakeWsSession(), new CloseStatus(code, ""));
		assertThat(registry.get("ws.server.closes").tags("path", "/test", "code", tag).counter().count()).isEqualTo(1);
	}

	@Test
	void countsConnectionsRefusedByTheConnectionLimit() {
		this.contextRunner.withPropertyValues("ws.max-connections=1").run((context) -> {
			JdkWsClient first = JdkWsClient.connect(LocalPort.of(context), "/echo");
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> JdkWsClient.connect(LocalPort.of(context), "/echo"))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(503));
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> {
				assertThat(registry.get("ws.server.limits.exceeded").tag("limit", "max-connections").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("ws.server.handshakes")
					.tags("path", "/echo", "outcome", "refused", "status", "503")
					.counter()
					.count()).isEqualTo(1);
			});
			assertThat(first.echo("still served")).isEqualTo("still served");
			first.close();
		});
	}

	@Test
	void countsSessionsClosedByTheIdleTimeout() {
		this.contextRunner.withPropertyValues("ws.idle-timeout=200ms").run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			assertThat(client.awaitCloseCode()).isEqualTo(1001);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> {
				assertThat(registry.get("ws.server.limits.exceeded").tag("limit", "idle-timeout").counter().count())
					.isEqualTo(1);
				assertThat(registry.get("ws.server.closes").tags("path", "/echo", "code", "1001").counter().count())
					.isEqualTo(1);
			});
		});
	}

	@Test
	void tagsTheMetersOfSessionsOnATemplateWithTheTemplate() {
		this.roomsRunner.run((context) -> {
			int port = LocalPort.of(context);
			JdkWsClient a = JdkWsClient.connect(port, "/rooms/a");
			JdkWsClient b = JdkWsClient.connect(port, "/rooms/b");
			assertThat(a.echo("{\"type\":\"chat\",\"text\":\"hi\"}")).isEqualTo("hi");
			assertThat(b.echo("{\"type\":\"chat\",\"text\":\"hey\"}")).isEqualTo("hey");
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> {
				assertThat(registry.get("ws.server.sessions.active").tag("path", "/rooms/{room}").gauge().value())
					.isEqualTo(2);
				assertThat(registry.get("ws.server.handshakes")
					.tags("path", "/rooms/{room}", "outcome", "accepted", "status", "101")
					.counter()
					.count()).isEqualTo(2);
				assertThat(registry.get("ws.server.messages.received")
					.tags("path", "/rooms/{room}", "type", "text")
					.summary()
					.count()).isEqualTo(2);
				assertThat(registry.get("ws.server.message.handling").tag("path", "/rooms/{room}").timer().count())
					.isEqualTo(2);
			});
			a.close();
			b.close();
			await().untilAsserted(() -> assertThat(
					registry.get("ws.server.closes").tags("path", "/rooms/{room}", "code", "1000").counter().count())
				.isEqualTo(2));
			assertThat(registry.getMeters()).noneMatch((meter) -> {
				String path = meter.getId().getTag("path");
				return "/rooms/a".equals(path) || "/rooms/b".equals(path);
			});
		});
	}

	@Test
	void countsRefusedUpgradesToATemplateUnderTheTemplate() {
		this.roomsRunner.run((context) -> {
			try (RawWsClient client = RawWsClient.connect(LocalPort.of(context))) {
				assertThat(client.upgrade("/rooms/a?limit=many").status()).isEqualTo(400);
			}
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> assertThat(registry.get("ws.server.handshakes")
				.tags("path", "/rooms/{room}", "outcome", "refused", "status", "400")
				.counter()
				.count()).isEqualTo(1));
		});
	}

	@Test
	void countsRejectedMessagesByReason() {
		this.roomsRunner.run((context) -> {
			int port = LocalPort.of(context);
			JdkWsClient malformed = JdkWsClient.connect(port, "/rooms/a");
			malformed.sendText("{oops");
			assertThat(malformed.awaitCloseCode()).isEqualTo(1007);
			JdkWsClient unknown = JdkWsClient.connect(port, "/rooms/b");
			unknown.sendText("{\"type\":\"dance\"}");
			assertThat(unknown.awaitCloseCode()).isEqualTo(1003);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().untilAsserted(() -> {
				assertThat(registry.get("ws.server.messages.rejected")
					.tags("path", "/rooms/{room}", "reason", "invalid")
					.counter()
					.count()).isEqualTo(1);
				assertThat(registry.get("ws.server.messages.rejected")
					.tags("path", "/rooms/{room}", "reason", "unsupported")
					.counter()
					.count()).isEqualTo(1);
				assertThat(registry.get("ws.server.closes").tags("path", "/rooms/{room}", "code", "1007").counter()
					.count()).isEqualTo(1);
			});
		});
	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

		@OnMessage
		byte[] echo(byte[] data) {
			return data;
		}

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
	sealed interface RoomMessage permits Chat {

	}

	@JsonTypeName("chat")
	record Chat(String text) implements RoomMessage {
	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		@OnMessage
		String chat(Chat chat, @QueryParam(defaultValue = "10") int limit) {
			return chat.text();
		}

	}

}
