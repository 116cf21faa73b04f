package dev.wsboot.handshake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HandshakeLimitsTests {

	@Test
	void defaultsTo8KiBLines16KiBHeadsAnd100Headers() {
		assertThat(HandshakeLimits.DEFAULTS).isEqualTo(new HandshakeLimits(8192, 16384, 100));
	}

	@ParameterizedTest(name = "({0}, {1}, {2})")
	@CsvSource({ "0, 1, 1", "1, 0, 1", "1, 1, 0", "-1, 1, 1", "1, -1, 1", "1, 1, -1" })
	void rejectsLimitsThatAreNotPositive(int maxRequestLineLength, int maxHeaderBlockSize, int maxHeaderCount) {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new HandshakeLimits(maxRequestLineLength, maxHeaderBlockSize, maxHeaderCount))
				.withMessageContaining("must be positive");
	}

}
