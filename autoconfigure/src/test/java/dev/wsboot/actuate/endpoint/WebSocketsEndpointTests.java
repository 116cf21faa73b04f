package dev.wsboot.actuate.endpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.wsboot.actuate.endpoint.WebSocketsEndpoint.EndpointDescriptor;
import dev.wsboot.actuate.endpoint.WebSocketsEndpoint.SessionDescriptor;
import dev.wsboot.actuate.endpoint.WebSocketsEndpoint.WebSocketsDescriptor;
import dev.wsboot.autoconfigure.WsAutoConfiguration;
import dev.wsboot.autoconfigure.actuate.WebSocketsEndpointAutoConfiguration;
import dev.wsboot.context.WsServerPortInfoApplicationContextInitializer;
import dev.wsboot.endpoint.OnClose;
import dev.wsboot.endpoint.OnMessage;
import dev.wsboot.endpoint.OnOpen;
import dev.wsboot.endpoint.WsEndpoint;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsSessionRegistry;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.LocalPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WebSocketsEndpoint} describing a running server and a live session.
 */
class WebSocketsEndpointTests {

	private static final String FIRST_PAYLOAD = "first-secret-payload";

	private static final String SECOND_PAYLOAD = "second-secret-payload";

	private static final String HEADER_VALUE = "header-secret-value";

	private static final String QUERY_VALUE = "query-secret-token";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WsAutoConfiguration.class, WebSocketsEndpointAutoConfiguration.class))
		.withInitializer(new WsServerPortInfoApplicationContextInitializer())
		.withUserConfiguration(EchoEndpoint.class)
		.withPropertyValues("ws.port=0", "ws.shutdown-timeout=1s",
				"management.endpoints.web.exposure.include=websockets");

	@Test
	void describesEachEndpoint() {
		this.contextRunner.run((context) -> {
			WebSocketsDescriptor descriptor = context.getBean(WebSocketsEndpoint.class).websockets();
			assertThat(descriptor.openSessions()).isZero();
			assertThat(descriptor.sessions()).isEmpty();
			assertThat(descriptor.endpoints()).singleElement().satisfies((endpoint) -> {
				assertThat(endpoint.path()).isEqualTo("/echo");
				assertThat(endpoint.bean()).isEqualTo(context.getBeanNamesForType(EchoEndpoint.class)[0]);
				assertThat(endpoint.type()).isEqualTo(EchoEndpoint.class.getName());
				assertThat(endpoint.handlerMethods()).containsExactlyInAnyOrderEntriesOf(
						Map.of("OnOpen", List.of("opened(WsSession)"), "OnMessage", List.of("echo(String)"),
								"OnClose", List.of("closed(WsSession, CloseStatus)")));
				assertThat(endpoint.subprotocols()).isEmpty();
				assertThat(endpoint.nonBlocking()).isFalse();
				assertThat(endpoint.openSessions()).isZero();
			});
		});
	}

	@Test
	void describesALiveSessionAndItsTraffic() {
		this.contextRunner.run((context) -> {
			Instant beforeConnect = Instant.now();
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			assertThat(client.echo(FIRST_PAYLOAD)).isEqualTo(FIRST_PAYLOAD);
			assertThat(client.echo(SECOND_PAYLOAD)).isEqualTo(SECOND_PAYLOAD);
			WsSession session = context.getBean(WsSessionRegistry.class).all().iterator().next();
			WebSocketsEndpoint endpoint = context.getBean(WebSocketsEndpoint.class);
			// The client can read an echo before the server's writer has accounted for the
			// bytes it wrote, so the descriptor is read once the outbound buffer has drained.
			await().untilAsserted(
					() -> assertThat(endpoint.websockets().sessions().get(0).bufferedBytes()).isZero());
			WebSocketsDescriptor descriptor = endpoint.websockets();
			assertThat(descriptor.openSessions()).isEqualTo(1);
			assertThat(descriptor.endpoints()).singleElement()
				.extracting(EndpointDescriptor::openSessions)
				.isEqualTo(1);
			SessionDescriptor described = descriptor.sessions().get(0);
			assertThat(descriptor.sessions()).hasSize(1);
			assertThat(described.id()).isEqualTo(session.id());
			assertThat(described.path()).isEqualTo("/echo");
			assertThat(described.remoteAddress())
				.isEqualTo(session.remoteAddress().getHostString() + ":" + session.remoteAddress().getPort())
				.doesNotStartWith("/");
			assertThat(described.openedAt()).isBetween(beforeConnect, Instant.now());
			long payloadBytes = FIRST_PAYLOAD.length() + SECOND_PAYLOAD.length();
			assertThat(described.messagesReceived()).isEqualTo(2);
			assertThat(described.bytesReceived()).isEqualTo(payloadBytes);
			assertThat(described.messagesSent()).isEqualTo(2);
			assertThat(described.bytesSent()).isEqualTo(payloadBytes);
			assertThat(described.bufferedBytes()).isZero();
			client.close();
		});
	}

	@Test
	void revealsNoPayloadNoHeaderAndNoQuery() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo?token=" + QUERY_VALUE,
					Map.of("X-Api-Key", HEADER_VALUE));
			client.echo(FIRST_PAYLOAD);
			client.echo(SECOND_PAYLOAD);
			String sessionId = context.getBean(WsSessionRegistry.class).all().iterator().next().id();
			String json = RecordJson.write(context.getBean(WebSocketsEndpoint.class).websockets());

			assertThat(json).contains("\"id\":\"" + sessionId + "\"", "\"path\":\"/echo\"", "\"messagesReceived\":2")
				.doesNotContain(FIRST_PAYLOAD, SECOND_PAYLOAD, HEADER_VALUE, "X-Api-Key", QUERY_VALUE);
			client.close();
		});
	}

	@Test
	void forgetsASessionOnceItIsClosed() {
		this.contextRunner.run((context) -> {
			JdkWsClient client = JdkWsClient.connect(LocalPort.of(context), "/echo");
			client.echo(FIRST_PAYLOAD);
			assertThat(client.close()).isEqualTo(1000);
			WebSocketsEndpoint endpoint = context.getBean(WebSocketsEndpoint.class);
			await()
				.untilAsserted(() -> assertThat(endpoint.websockets().openSessions()).isZero());
			assertThat(endpoint.websockets().sessions()).isEmpty();
		});
	}

	@Test
	void describesAnEndpointByItsTemplateAndEachSessionByThePathItAskedFor() {
		this.contextRunner.withUserConfiguration(RoomEndpoint.class).run((context) -> {
			JdkWsClient a = JdkWsClient.connect(LocalPort.of(context), "/rooms/a");
			JdkWsClient b = JdkWsClient.connect(LocalPort.of(context), "/rooms/b");
			assertThat(a.echo("one")).isEqualTo("one");
			assertThat(b.echo("two")).isEqualTo("two");
			WebSocketsDescriptor descriptor = context.getBean(WebSocketsEndpoint.class).websockets();
			assertThat(descriptor.endpoints()).filteredOn((endpoint) -> endpoint.path().startsWith("/rooms"))
				.singleElement()
				.satisfies((endpoint) -> {
					assertThat(endpoint.path()).isEqualTo("/rooms/{room}");
					assertThat(endpoint.openSessions()).isEqualTo(2);
				});
			assertThat(descriptor.sessions()).extracting(SessionDescriptor::endpoint)
				.containsOnly("/rooms/{room}");
			assertThat(descriptor.sessions()).extracting(SessionDescriptor::path)
				.containsExactlyInAnyOrder("/rooms/a", "/rooms/b");
			a.close();
			b.close();
		});
	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

		@OnMessage
		String echo(String text) {
			return text;
		}

	}

	@WsEndpoint("/echo")
	static class EchoEndpoint {

		@OnOpen
		void opened(WsSession session) {
		}

		@OnMessage
		String echo(String text) {
			return text;
		}

		@OnClose
		void closed(WsSession session, CloseStatus status) {
		}

	}

}
