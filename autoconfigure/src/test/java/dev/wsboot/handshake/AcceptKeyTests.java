package dev.wsboot.handshake;

import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptKeyTests {

	@Test
	void computesTheAcceptValueOfTheRfc6455Section13Sample() {
		assertThat(AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@Test
	void computesTheSameValueOnManyThreadsAtOnce() {
		List<String> values = IntStream.range(0, 10_000).parallel()
				.mapToObj(i -> AcceptKey.compute("dGhlIHNhbXBsZSBub25jZQ=="))
				.distinct()
				.toList();
		assertThat(values).containsExactly("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "dGhlIHNhbXBsZSBub25jZQ==", "AAAAAAAAAAAAAAAAAAAAAA==", "/////////////////////w==",
			"+/+/+/+/+/+/+/+/+/+/+w==" })
	void acceptsBase64OfSixteenBytes(String key) {
		assertThat(AcceptKey.isValidKey(key)).isTrue();
	}

	@Test
	void acceptsWhatAClientGeneratesFromSixteenRandomBytes() {
		byte[] nonce = new byte[16];
		new Random(6455).nextBytes(nonce);
		assertThat(AcceptKey.isValidKey(Base64.getEncoder().encodeToString(nonce))).isTrue();
	}

	@ParameterizedTest(name = "''{0}''")
	@NullAndEmptySource
	@ValueSource(strings = {
			"dGhlIHNhbXBsZSBub25jZQ", // unpadded, which Java's decoder alone would accept
			"dGhlIHNhbXBsZSBub25jZQ=", // half the padding
			"AAAAAAAAAAAAAAAAAAAA", // 15 bytes
			"AAAAAAAAAAAAAAAAAAAAAAA=", // 17 bytes, also 24 characters
			"AAAAAAAAAAAAAAAAAAAAAAAA", // 18 bytes, also 24 characters
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", // 32 bytes
			"-_-_-_-_-_-_-_-_-_-_-w==", // URL-safe alphabet
			"dGhlIHNhbXBsZSBub25jZQ!!", // not base64
			"dGhlIHNhbXBsZ SBub25jZQ=", // space inside
			" dGhlIHNhbXBsZSBub25jZQ==", // space around
			"dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ==" // two keys run together
	})
	void rejectsAnythingElse(String key) {
		assertThat(AcceptKey.isValidKey(key)).isFalse();
	}

}
