package dev.wsboot.test.topic;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The publishes as a mailbox: each assertion takes the next publish to its topic, and a
 * failure lists what was published instead.
 */
class WsPublishesMailboxTests {

	private final AtomicInteger settled = new AtomicInteger();

	private final WsPublishes publishes = new WsPublishes(Duration.ofMillis(200), this.settled::incrementAndGet);

	@Test
	void takesEachTopicsPublishesInOrder() {
		publish("a", "one");
		publish("b", "two");
		publish("a", "three");
		assertThat(this.publishes).published("a").hasMessage("one");
		assertThat(this.publishes).published("a").hasMessage("three");
		assertThat(this.publishes).published("b").hasMessage("two");
		assertThat(this.publishes).publishedNothingMore();
		assertThat(this.publishes.all()).hasSize(3);
	}

	@Test
	void aPublishThatDoesNotComeIsReportedWithThoseThatDid() {
		publish("b", "two");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.publishes).published("a"))
			.withMessage("Expected a publish to \"a\" within 200 ms, but found only:\n  to \"b\": two (for no session)");
	}

	@Test
	void aPublishWhenNothingWasPublishedIsReportedSo() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.publishes).published("a"))
			.withMessage("Expected a publish to \"a\" within 200 ms, but nothing was published");
	}

	@Test
	void aPublishWhereNoneWasExpectedIsShownOnceTheServerSettled() {
		publish("a", "one");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.publishes).publishedNothingTo("a"))
			.withMessage("Expected no publish to \"a\", but found:\n  to \"a\": one (for no session)");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(this.publishes).publishedNothingMore())
			.withMessage("Expected no more publishes, but found:\n  to \"a\": one (for no session)");
		assertThat(this.settled).hasValue(2);
	}

	@Test
	void anotherMessageIsShown() {
		publish("a", "one");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.publishes).published("a").hasMessage("two"))
			.withMessageContaining("Expected a publish of two to \"a\", but it was to \"a\": one (for no session)");
	}

	@Test
	void aMessageOfAnotherTypeIsShown() {
		publish("a", "one");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(this.publishes).published("a").messageOfType(Integer.class))
			.withMessageContaining("Expected a publish of a java.lang.Integer to \"a\", but it was to \"a\": one");
	}

	@Test
	void forgetsEverythingWhenCleared() {
		publish("a", "one");
		this.publishes.clear();
		assertThat(this.publishes.all()).isEmpty();
		assertThat(this.publishes).publishedNothingMore();
	}

	private void publish(String topic, Object message) {
		this.publishes.record(new WsPublish(topic, message, List.of(), null, 0));
	}

}
