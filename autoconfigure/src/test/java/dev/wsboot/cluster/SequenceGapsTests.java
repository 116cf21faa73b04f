package dev.wsboot.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link SequenceGaps}. */
class SequenceGapsTests {

	private final SequenceGaps gaps = new SequenceGaps();

	@Test
	void theFirstMessageOfAnOriginIsNoGapWhateverItsNumber() {
		assertThat(this.gaps.record("a", "lobby", 42)).isZero();
	}

	@Test
	void consecutiveNumbersAreNoGap() {
		this.gaps.record("a", "lobby", 1);
		assertThat(this.gaps.record("a", "lobby", 2)).isZero();
		assertThat(this.gaps.record("a", "lobby", 3)).isZero();
	}

	@Test
	void aJumpCountsTheMessagesMissed() {
		this.gaps.record("a", "lobby", 1);
		assertThat(this.gaps.record("a", "lobby", 5)).isEqualTo(3);
		assertThat(this.gaps.record("a", "lobby", 6)).isZero();
	}

	@Test
	void eachOriginAndTopicHasItsOwnSequence() {
		this.gaps.record("a", "lobby", 1);
		this.gaps.record("b", "lobby", 10);
		this.gaps.record("a", "hall", 7);
		assertThat(this.gaps.record("a", "lobby", 2)).isZero();
		assertThat(this.gaps.record("b", "lobby", 11)).isZero();
		assertThat(this.gaps.record("a", "hall", 9)).isEqualTo(1);
	}

	@Test
	void anOriginStartingOverIsNoGap() {
		this.gaps.record("a", "lobby", 100);
		assertThat(this.gaps.record("a", "lobby", 1)).isZero();
		assertThat(this.gaps.record("a", "lobby", 2)).isZero();
	}

	@Test
	void aForgottenTopicStartsAfresh() {
		this.gaps.record("a", "lobby", 1);
		this.gaps.forget("lobby");
		assertThat(this.gaps.size()).isZero();
		assertThat(this.gaps.record("a", "lobby", 9)).isZero();
	}

}
