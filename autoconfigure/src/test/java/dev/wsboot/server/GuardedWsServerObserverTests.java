package dev.wsboot.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.wsboot.endpoint.FakeWsSession;
import dev.wsboot.protocol.CloseStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link WsServerObserver#guarded} and the guarding {@link CompositeWsServerObserver}:
 * what an observer throws stays out of the server and is logged sparingly.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuardedWsServerObserverTests {

	private static final WsSession SESSION = new FakeWsSession();

	private static final String REPORT = "WebSocket server observer " + Throwing.class.getName() + " failed";

	static Stream<Arguments> events() {
		return Stream.of(arguments("onHandshake", event((observer) -> observer.onHandshake("/chat", 101))),
				arguments("onOpen", event((observer) -> observer.onOpen(SESSION))),
				arguments("onClose", event((observer) -> observer.onClose(SESSION, CloseStatus.NORMAL))),
				arguments("onMessageReceived", event((observer) -> observer.onMessageReceived(SESSION, true, 5))),
				arguments("onMessageSent", event((observer) -> observer.onMessageSent(SESSION, false, 7))),
				arguments("onHandlerCompleted", event((observer) -> observer.onHandlerCompleted(SESSION, 42))),
				arguments("onLimitExceeded", event((observer) -> observer.onLimitExceeded("idle-timeout"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void keepsWhatTheObserverThrowsFromTheServer(String name, Consumer<WsServerObserver> event) {
		assertThatNoException().isThrownBy(() -> event.accept(WsServerObserver.guarded(new Throwing())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void passesEveryEventOnWithItsArguments(String name, Consumer<WsServerObserver> event) {
		Recording direct = new Recording();
		Recording behindGuard = new Recording();
		event.accept(direct);
		event.accept(WsServerObserver.guarded(behindGuard));
		assertThat(behindGuard.events).hasSize(1).isEqualTo(direct.events);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("events")
	void givesTheEventToTheNextObserverAfterOneThrows(String name, Consumer<WsServerObserver> event) {
		Recording next = new Recording();
		event.accept(CompositeWsServerObserver.of(List.of(new Throwing(), next)));
		assertThat(next.events).hasSize(1);
	}

	@Test
	void guardsASingleObserverGivenToTheComposite() {
		WsServerObserver single = CompositeWsServerObserver.of(List.of(new Throwing()));
		assertThatNoException().isThrownBy(() -> single.onClose(SESSION, CloseStatus.ABNORMAL));
	}

	@Test
	void returnsNoneAndGuardedObserversAsTheyAre() {
		WsServerObserver guarded = WsServerObserver.guarded(new Recording());
		WsServerObserver composite = CompositeWsServerObserver.of(List.of(new Recording(), new Recording()));
		assertThat(WsServerObserver.guarded(WsServerObserver.NONE)).isSameAs(WsServerObserver.NONE);
		assertThat(WsServerObserver.guarded(guarded)).isSameAs(guarded);
		assertThat(WsServerObserver.guarded(composite)).isSameAs(composite);
		assertThat(CompositeWsServerObserver.of(List.of())).isSameAs(WsServerObserver.NONE);
	}

	@Test
	void logsTheFirstFailureAtWarnWithTheExceptionAndTheEvent(CapturedOutput output) {
		WsServerObserver.guarded(new Throwing()).onClose(SESSION, CloseStatus.NORMAL);
		assertThat(output.getOut().lines().filter((line) -> line.contains(REPORT))).singleElement()
			.asString()
			.contains("WARN")
			.contains("failed in onClose")
			.contains("0 other failures");
		assertThat(output).contains("java.lang.IllegalStateException: observer broken");
	}

	@Test
	void logsAtMostOneFailurePerMinuteCountingTheOthers(CapturedOutput output) {
		AtomicLong now = new AtomicLong(1_000);
		WsServerObserver guarded = new GuardedWsServerObserver(new Throwing(), now::get);
		guarded.onOpen(SESSION);
		guarded.onOpen(SESSION);
		guarded.onLimitExceeded("executor");
		now.addAndGet(Duration.ofSeconds(59).toNanos());
		guarded.onOpen(SESSION);
		assertThat(reports(output)).hasSize(1);
		now.addAndGet(Duration.ofSeconds(1).toNanos());
		guarded.onClose(SESSION, CloseStatus.NORMAL);
		assertThat(reports(output)).hasSize(2).last().asString().contains("3 other failures");
		guarded.onClose(SESSION, CloseStatus.NORMAL);
		assertThat(reports(output)).hasSize(2);
	}

	@Test
	void limitsTheLogOfEachObserverOnItsOwn(CapturedOutput output) {
		AtomicLong now = new AtomicLong();
		WsServerObserver first = new GuardedWsServerObserver(new Throwing(), now::get);
		WsServerObserver second = new GuardedWsServerObserver(new Throwing(), now::get);
		first.onOpen(SESSION);
		second.onOpen(SESSION);
		first.onOpen(SESSION);
		assertThat(reports(output)).hasSize(2);
	}

	private static List<String> reports(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains(REPORT)).toList();
	}

	private static Consumer<WsServerObserver> event(Consumer<WsServerObserver> event) {
		return event;
	}

	/** An observer failing on every event, as one with a meter name clash would. */
	static class Throwing implements WsServerObserver {

		@Override
		public void onHandshake(@Nullable String path, int status) {
			throw new IllegalStateException("observer broken");
		}

		@Override
		public void onOpen(WsSession session) {
			throw new IllegalStateException("observer broken");
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			throw new IllegalStateException("observer broken");
		}

		@Override
		public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
			throw new IllegalStateException("observer broken");
		}

		@Override
		public void onMessageSent(WsSession session, boolean text, int payloadBytes) {
			throw new IllegalStateException("observer broken");
		}

		@Override
		public void onHandlerCompleted(WsSession session, long nanos) {
			throw new IllegalStateException("observer broken");
		}

		@Override
		public void onLimitExceeded(String limit) {
			throw new IllegalStateException("observer broken");
		}

	}

	static class Recording implements WsServerObserver {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void onHandshake(@Nullable String path, int status) {
			this.events.add("handshake " + path + " " + status);
		}

		@Override
		public void onOpen(WsSession session) {
			this.events.add("open " + session.id());
		}

		@Override
		public void onClose(WsSession session, CloseStatus status) {
			this.events.add("close " + session.id() + " " + status);
		}

		@Override
		public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
			this.events.add("received " + session.id() + " " + text + " " + payloadBytes);
		}

		@Override
		public void onMessageSent(WsSession session, boolean text, int payloadBytes) {
			this.events.add("sent " + session.id() + " " + text + " " + payloadBytes);
		}

		@Override
		public void onHandlerCompleted(WsSession session, long nanos) {
			this.events.add("handled " + session.id() + " " + nanos);
		}

		@Override
		public void onLimitExceeded(String limit) {
			this.events.add("limit " + limit);
		}

	}

}
