package dev.wsboot.endpoint;

import java.util.List;
import java.util.Map;

import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsUpgrade;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WsEndpointRegistry}: finding endpoint beans in a context.
 */
class WsEndpointRegistryTests {

	@Test
	void makesRouteOfEachEndpointWithItsPathSubprotocolsAndNonBlockingFlag() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class, ChatEndpoint.class,
				TickerEndpoint.class)) {
			List<WsRoute> routes = context.getBean(WsEndpointRegistry.class).getRoutes();
			assertThat(routes).extracting(WsRoute::path).containsExactly("/chat", "/ticker");
			assertThat(routes.get(0).subprotocols()).containsExactly("chat.v2", "chat.v1");
			assertThat(routes.get(0).nonBlocking()).isFalse();
			assertThat(routes.get(1).nonBlocking()).isTrue();
		}
	}

	@Test
	void givesEndpointWithoutPathTheDefaultPath() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class,
				DefaultPathEndpoint.class)) {
			assertThat(context.getBean(WsEndpointRegistry.class).getRoutes()).extracting(WsRoute::path)
				.containsExactly("/ws");
		}
	}

	@Test
	void resolvesPlaceholdersInPath() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("feed.path", "/feed")));
			context.register(RegistryConfiguration.class, PlaceholderEndpoint.class);
			context.refresh();
			assertThat(context.getBean(WsEndpointRegistry.class).getRoutes()).extracting(WsRoute::path)
				.containsExactly("/feed");
		}
	}

	@Test
	void namesEndpointBeanAfterItsClassRatherThanItsPath() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class, ChatEndpoint.class)) {
			assertThat(context.getBeanNamesForType(ChatEndpoint.class))
				.containsExactly("wsEndpointRegistryTests.ChatEndpoint");
		}
	}

	@Test
	void letsEndpointDependOnBeansMadeFromTheRoutes() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class,
				RouteCountConfiguration.class, CountingEndpoint.class)) {
			assertThat(context.getBean(CountingEndpoint.class).routeCount.count()).isEqualTo(1);
		}
	}

	@Test
	void makesOneRouteForScopedProxyEndpoint() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class, ScopedEndpoint.class)) {
			assertThat(context.getBean(WsEndpointRegistry.class).getRoutes()).extracting(WsRoute::path)
				.containsExactly("/scoped");
		}
	}

	@Test
	void rejectsTwoEndpointsOnOnePathNamingBothBeans() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(RegistryConfiguration.class, ChatEndpoint.class, OtherChatEndpoint.class))
			.havingRootCause()
			.isInstanceOf(WsEndpointDefinitionException.class)
			.withMessage("WebSocket endpoints 'wsEndpointRegistryTests.ChatEndpoint' (" + ChatEndpoint.class.getName()
					+ ") and 'wsEndpointRegistryTests.OtherChatEndpoint' (" + OtherChatEndpoint.class.getName()
					+ ") are both mapped to path '/chat'.");
	}

	@Test
	void rejectsPathWithoutLeadingSlash() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(RegistryConfiguration.class, RelativePathEndpoint.class))
			.havingRootCause()
			.isInstanceOf(WsEndpointDefinitionException.class)
			.withMessageContaining("has the invalid path 'chat'");
	}

	@Test
	void rejectsAnInvalidTemplateSayingWhatIsWrong() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(RegistryConfiguration.class, BrokenTemplateEndpoint.class))
			.havingRootCause()
			.isInstanceOf(WsEndpointDefinitionException.class)
			.withMessageContaining("has the invalid path '/rooms/{room': A variable takes a whole segment")
			.satisfies((ex) -> assertThat(((WsEndpointDefinitionException) ex).getAction())
				.contains("'/rooms/{room}'"));
	}

	@Test
	void rejectsTwoEndpointsWhoseTemplatesCouldServeOnePathNamingBoth() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(RegistryConfiguration.class, RoomEndpoint.class, OtherRoomEndpoint.class))
			.havingRootCause()
			.isInstanceOf(WsEndpointDefinitionException.class)
			.withMessage("WebSocket endpoints 'wsEndpointRegistryTests.RoomEndpoint' (" + RoomEndpoint.class.getName()
					+ ") at '/rooms/{room}' and 'wsEndpointRegistryTests.OtherRoomEndpoint' ("
					+ OtherRoomEndpoint.class.getName() + ") at '/rooms/{name}' could both serve the same request "
					+ "path, and neither is more specific.");
	}

	@Test
	void acceptsTemplatesThatOverlapWithOneMoreSpecific() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class, RoomEndpoint.class,
				LobbyEndpoint.class)) {
			assertThat(context.getBean(WsEndpointRegistry.class).getRoutes()).extracting(WsRoute::path)
				.containsExactly("/rooms/{room}", "/rooms/lobby");
		}
	}

	@Test
	void bindsParametersWithTheApplicationsConversionService() {
		try (AnnotationConfigApplicationContext context = context(RegistryConfiguration.class,
				ConversionConfiguration.class, RoomIdEndpoint.class)) {
			WsRoute route = context.getBean(WsEndpointRegistry.class).getRoutes().get(0);
			HandshakeRequest request = new HandshakeRequest("GET", "/ids/r-7", "/ids/r-7", null, "HTTP/1.1",
					new HttpHeaders());
			WsUpgrade upgrade = new WsUpgrade(request, route.path(), Map.of("id", "r-7"));
			route.upgradeCheck().check(upgrade);
			assertThat((Object[]) upgrade.attributes().get(EndpointParameters.ATTRIBUTE))
				.containsExactly(new RoomId(7));
		}
	}

	@Test
	void refusesAParameterTypeTheConversionServiceCannotReadAtStart() {
		assertThatExceptionOfType(BeanCreationException.class)
			.isThrownBy(() -> context(RegistryConfiguration.class, RoomIdEndpoint.class))
			.havingRootCause()
			.isInstanceOf(WsEndpointDefinitionException.class)
			.withMessageContaining("no converter reads a " + RoomId.class.getName() + " from text");
	}

	private static AnnotationConfigApplicationContext context(Class<?>... components) {
		return new AnnotationConfigApplicationContext(components);
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		WsEndpointRegistry wsEndpointRegistry(
				org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
			return new WsEndpointRegistry(beanFactory, "/ws");
		}

	}

	record RouteCount(int count) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RouteCountConfiguration {

		@Bean
		RouteCount routeCount(WsEndpointRegistry registry) {
			return new RouteCount(registry.getRoutes().size());
		}

	}

	@WsEndpoint(path = "/chat", subprotocols = { "chat.v2", "chat.v1" })
	static class ChatEndpoint {

		@OnMessage
		void onMessage(String text) {
		}

	}

	@WsEndpoint("/chat")
	static class OtherChatEndpoint {

	}

	@WsEndpoint(value = "/ticker", nonBlocking = true)
	static class TickerEndpoint {

	}

	@WsEndpoint
	static class DefaultPathEndpoint {

	}

	@WsEndpoint("${feed.path}")
	static class PlaceholderEndpoint {

	}

	@WsEndpoint("chat")
	static class RelativePathEndpoint {

	}

	@WsEndpoint("/count")
	static class CountingEndpoint {

		final RouteCount routeCount;

		CountingEndpoint(RouteCount routeCount) {
			this.routeCount = routeCount;
		}

	}

	@WsEndpoint("/rooms/{room")
	static class BrokenTemplateEndpoint {

	}

	@WsEndpoint("/rooms/{room}")
	static class RoomEndpoint {

	}

	@WsEndpoint("/rooms/{name}")
	static class OtherRoomEndpoint {

	}

	@WsEndpoint("/rooms/lobby")
	static class LobbyEndpoint {

	}

	/** A room id as text: {@code r-7}, which only the application's converter reads. */
	record RoomId(int number) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ConversionConfiguration {

		@Bean
		ConversionService conversionService() {
			DefaultConversionService conversionService = new DefaultConversionService();
			conversionService.addConverter(String.class, RoomId.class,
					(text) -> new RoomId(Integer.parseInt(text.substring(2))));
			return conversionService;
		}

	}

	@WsEndpoint("/ids/{id}")
	static class RoomIdEndpoint {

		@OnOpen
		void open(@PathParam RoomId id) {
		}

	}

	@WsEndpoint("/scoped")
	@Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.TARGET_CLASS)
	static class ScopedEndpoint {

		@OnMessage
		void onMessage(String text) {
		}

	}

}
