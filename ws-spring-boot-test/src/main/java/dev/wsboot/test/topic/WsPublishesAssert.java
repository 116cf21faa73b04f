package dev.wsboot.test.topic;

import java.util.function.Supplier;

import org.assertj.core.api.AbstractObjectAssert;

/**
 * AssertJ assertions on the {@link WsPublishes} of a test: what was published to which
 * topic, waiting for a publish up to the timeout, and checking that nothing else was once the
 * server has handled what the test's sessions sent.
 *
 * <pre class="code">
 * assertThat(publishes).published("lobby").hasMessage(new Said("lobby", "alice", "hi")).reached(alice, bob);
 * assertThat(publishes).publishedNothingTo("kitchen");
 * assertThat(publishes).publishedNothingMore();
 * </pre>
 */
public class WsPublishesAssert extends AbstractObjectAssert<WsPublishesAssert, WsPublishes> {

	/** Assertions on {@code publishes}; {@code Assertions.assertThat(publishes)} makes them. */
	public WsPublishesAssert(WsPublishes publishes) {
		super(publishes, WsPublishesAssert.class);
	}

	/** Takes the next publish to {@code topic}, waiting up to the timeout, for assertions on it. */
	public WsPublishAssert published(String topic) {
		isNotNull();
		WsPublish publish = expect(() -> this.actual.next(topic));
		return new WsPublishAssert(publish).as("publish to \"%s\"", topic);
	}

	/** Checks that nothing not taken yet was published to {@code topic}, once the server is done. */
	public WsPublishesAssert publishedNothingTo(String topic) {
		isNotNull();
		expect(() -> {
			this.actual.expectNone(topic);
			return null;
		});
		return this;
	}

	/** Checks that nothing not taken yet was published at all, once the server is done. */
	public WsPublishesAssert publishedNothingMore() {
		isNotNull();
		expect(() -> {
			this.actual.expectNoMore();
			return null;
		});
		return this;
	}

	private <T> T expect(Supplier<T> wait) {
		try {
			return wait.get();
		}
		catch (AssertionError ex) {
			throw failure("%s", ex.getMessage());
		}
	}

}
