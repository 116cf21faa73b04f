package dev.wsboot.server.nio;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.wsboot.handshake.HandshakeException;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.testsupport.EchoHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RouteTable}: which route serves a raw request path, with which variables,
 * and which sets of routes are refused. Built as a server builds it, without starting one.
 */
class RouteTableTests {

	private static final WsHandler HANDLER = new EchoHandler();

	@Test
	void findsALiteralPathAsSent() {
		RouteTable table = table("/chat", "/rooms/{room}");
		RouteTable.Match match = table.match("/chat");
		assertThat(match).isNotNull();
		assertThat(match.route().path()).isEqualTo("/chat");
		assertThat(match.pathVariables()).isEmpty();
	}

	@Test
	void findsALiteralPathSentPercentEncoded() {
		RouteTable.Match match = table("/café").match("/caf%C3%A9");
		assertThat(match).isNotNull();
		assertThat(match.route().path()).isEqualTo("/café");
	}

	@Test
	void bindsTheVariablesOfATemplateDecoded() {
		RouteTable.Match match = table("/rooms/{room}/users/{user}").match("/rooms/caf%C3%A9/users/a%2Fb");
		assertThat(match).isNotNull();
		assertThat(match.route().path()).isEqualTo("/rooms/{room}/users/{user}");
		assertThat(match.pathVariables()).containsExactly(Map.entry("room", "café"), Map.entry("user", "a/b"));
	}

	@Test
	void prefersALiteralPathToATemplateMatchingIt() {
		RouteTable table = table("/rooms/{room}", "/rooms/lobby");
		assertThat(table.match("/rooms/lobby").route().path()).isEqualTo("/rooms/lobby");
		assertThat(table.match("/rooms/hall").route().path()).isEqualTo("/rooms/{room}");
	}

	@Test
	void triesTemplatesMostSpecificFirstWhateverTheirOrder() {
		RouteTable table = table("/{*all}", "/rooms/{room}", "/rooms/{id:\\d+}", "/rooms/{room}/{*rest}");
		assertThat(route(table, "/rooms/42")).isEqualTo("/rooms/{id:\\d+}");
		assertThat(route(table, "/rooms/lobby")).isEqualTo("/rooms/{room}");
		assertThat(route(table, "/rooms/lobby/a/b")).isEqualTo("/rooms/{room}/{*rest}");
		assertThat(route(table, "/halls/lobby")).isEqualTo("/{*all}");
		assertThat(table.match("/rooms/lobby/a/b").pathVariables()).containsEntry("rest", "a/b");
	}

	@Test
	void servesATemplateEndingInARestVariableFromItsPrefixOn() {
		RouteTable table = table("/files/{*path}");
		assertThat(table.match("/files").pathVariables()).containsExactly(Map.entry("path", ""));
		assertThat(table.match("/files/a/b").pathVariables()).containsExactly(Map.entry("path", "a/b"));
		assertThat(table.match("/filesystem")).isNull();
	}

	@Test
	void findsNoRouteForAPathNoneServes() {
		RouteTable table = table("/chat", "/rooms/{room}");
		assertThat(table.match("/other")).isNull();
		assertThat(table.match("/chat/")).isNull();
		assertThat(table.match("/rooms")).isNull();
		assertThat(table.match("/rooms/")).isNull();
		assertThat(table.match("/rooms/a/b")).isNull();
	}

	@Test
	void refusesBadPercentEncodingWith400() {
		RouteTable table = table("/rooms/{room}");
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> table.match("/rooms/%zz"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
		assertThatExceptionOfType(HandshakeException.class).isThrownBy(() -> table.match("/rooms/%C3"))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@Test
	void refusesTwoRoutesForOnePath() {
		assertThatIllegalArgumentException().isThrownBy(() -> table("/rooms/{room}", "/rooms/{room}"))
			.withMessage("Two routes for the path /rooms/{room}");
	}

	@Test
	void refusesTwoTemplatesThatCouldServeOnePathWithNeitherMoreSpecific() {
		assertThatIllegalArgumentException().isThrownBy(() -> table("/rooms/{room}", "/rooms/{name}"))
			.withMessage("The routes /rooms/{room} and /rooms/{name} could both serve one path, with neither more "
					+ "specific");
	}

	@Test
	void acceptsOverlappingTemplatesWhenOneIsMoreSpecific() {
		RouteTable table = table("/rooms/{room}", "/rooms/{id:\\d+}", "/rooms/lobby", "/rooms/{*rest}");
		assertThat(table.paths()).containsExactly("/rooms/{room}", "/rooms/{id:\\d+}", "/rooms/lobby",
				"/rooms/{*rest}");
	}

	@Test
	void givesTheHandshakeHandlerTheTargetOfTheMatchedRoute() {
		RouteTable table = table("/rooms/{room}");
		WsRoute route = table.match("/rooms/a").route();
		assertThat(table.target(route)).isNotNull()
			.satisfies((target) -> assertThat(target.path()).isEqualTo("/rooms/{room}"));
		assertThat(table.target(null)).isNull();
	}

	private static String route(RouteTable table, String path) {
		RouteTable.Match match = table.match(path);
		assertThat(match).as("route for %s", path).isNotNull();
		return match.route().path();
	}

	private static RouteTable table(String... paths) {
		List<WsRoute> routes = Arrays.stream(paths).map((path) -> WsRoute.of(path, HANDLER)).toList();
		return new NioWsServerFactory().create(routes).routes();
	}

}
