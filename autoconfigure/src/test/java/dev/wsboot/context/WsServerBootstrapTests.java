package dev.wsboot.context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.wsboot.server.WsRoute;
import org.junit.jupiter.api.Test;

import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsServerBootstrap}.
 */
class WsServerBootstrapTests {

	private final FakeWsServer server = new FakeWsServer(8081);

	private final List<List<WsRoute>> created = new ArrayList<>();

	private final WsServerBootstrap bootstrap = new WsServerBootstrap((routes) -> {
		this.created.add(routes);
		return this.server;
	}, List.of());

	@Test
	void createsServerPausedWhenConstructed() {
		assertThat(this.created).hasSize(1);
		assertThat(this.bootstrap.getServer()).isSameAs(this.server);
		assertThat(this.bootstrap.isRunning()).isFalse();
	}

	@Test
	void startsServerAndPublishesInitializedEvent() {
		List<Object> events = new ArrayList<>();
		this.bootstrap.setApplicationEventPublisher(events::add);
		this.bootstrap.start();
		assertThat(this.bootstrap.isRunning()).isTrue();
		assertThat(events).singleElement()
			.isInstanceOfSatisfying(WsServerInitializedEvent.class,
					(event) -> assertThat(event.getServer()).isSameAs(this.server));
	}

	@Test
	void stopsServer() {
		this.bootstrap.start();
		this.bootstrap.stop();
		assertThat(this.bootstrap.isRunning()).isFalse();
	}

	@Test
	void stopsServerInTheBackgroundThenRunsCallback() throws InterruptedException {
		this.bootstrap.start();
		CountDownLatch stopped = new CountDownLatch(1);
		this.bootstrap.stop(stopped::countDown);
		assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.server.stops).isEqualTo(1);
	}

	@Test
	void startsAfterAndStopsBeforeDefaultPhaseAndEmbeddedWebServer() {
		assertThat(this.bootstrap.getPhase()).isEqualTo(SmartLifecycle.DEFAULT_PHASE - 1024)
			.isLessThan(SmartLifecycle.DEFAULT_PHASE)
			.isGreaterThan(SmartLifecycle.DEFAULT_PHASE - 2048);
	}

}
