package dev.wsboot.bench.peer;

import java.util.List;

import dev.wsboot.endpoint.WsEndpointRegistry;
import dev.wsboot.endpoint.json.JacksonMessageCodec;
import dev.wsboot.server.WsRoute;
import dev.wsboot.topic.DefaultWsTopics;
import dev.wsboot.topic.SlowSubscriberPolicy;
import dev.wsboot.topic.WsTopicRelay;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.GenericApplicationContext;

/**
 * The peer's {@code @WsEndpoint} beans ({@link JsonEchoEndpoint}, {@link TextEchoEndpoint}) and
 * its topics, wired as the starter's auto-configuration wires them, in a small Spring context
 * instead of a Spring Boot application: a Jackson 3 {@link JsonMapper} behind the
 * {@link JacksonMessageCodec}, the {@link WsEndpointRegistry} that binds the endpoint methods
 * and makes their routes, and {@link DefaultWsTopics} that encode with the registry's encoder
 * and track every endpoint's sessions. So a typed message here takes the same path through
 * the engine as in an application; only the server is started by hand.
 */
final class AnnotatedEndpoints implements AutoCloseable {

	private final GenericApplicationContext context = new GenericApplicationContext();

	AnnotatedEndpoints() {
		GenericApplicationContext context = this.context;
		context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
		context.registerBean(JacksonMessageCodec.class,
				() -> new JacksonMessageCodec(context.getBean(JsonMapper.class)));
		context.registerBean("jsonEchoEndpoint", JsonEchoEndpoint.class);
		context.registerBean("textEchoEndpoint", TextEchoEndpoint.class);
		context.registerBean(WsEndpointRegistry.class,
				() -> new WsEndpointRegistry(context.getBeanFactory(), JsonEchoEndpoint.PATH));
		context.registerBean(DefaultWsTopics.class,
				() -> new DefaultWsTopics(context.getBean(WsEndpointRegistry.class).getMessageEncoder(),
						(topic) -> SlowSubscriberPolicy.DEFAULT, WsTopicRelay.NONE));
		context.refresh();
	}

	/**
	 * The endpoints' routes, their sessions tracked by the topics as the starter's are.
	 * @param inline whether the handlers run on the I/O thread, whatever the endpoints declare
	 */
	List<WsRoute> routes(boolean inline) {
		DefaultWsTopics topics = topics();
		return this.context.getBean(WsEndpointRegistry.class)
			.getRoutes()
			.stream()
			.map((route) -> new WsRoute(route.path(), topics.tracking(route.handler()), route.subprotocols(), inline,
					route.upgradeCheck(), route.encoder()))
			.toList();
	}

	DefaultWsTopics topics() {
		return this.context.getBean(DefaultWsTopics.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
