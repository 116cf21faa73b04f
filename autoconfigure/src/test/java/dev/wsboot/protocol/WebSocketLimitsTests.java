package dev.wsboot.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WebSocketLimits}.
 */
class WebSocketLimitsTests {

	@Test
	void defaultsAreOneMebibyteForFramesAndMessages() {
		assertThat(WebSocketLimits.DEFAULTS).isEqualTo(new WebSocketLimits(1 << 20, 1 << 20));
	}

	@Test
	void frameLimitOf125BytesIsTheSmallestThatAdmitsEveryControlFrame() {
		assertThat(new WebSocketLimits(125, 1).maxFrameSize()).isEqualTo(125);
	}

	@Test
	void frameLimitBelow125BytesIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketLimits(124, 1000))
			.withMessageContaining("124");
	}

	@Test
	void messageLimitBelowOneByteIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketLimits(1000, 0))
			.withMessageContaining("0");
	}

}
