package dev.wsboot.handshake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Headers kept as bytes alone: read back equal to what was packed, without the fields left
 * out, read-only, and never sharing an array with the headers they came from.
 */
class PackedHeadersTests {

	private final HttpHeaders headers = HttpHeaders.of("Host", "example.com", "Upgrade", "websocket", "X-Latin",
			"caf\u00e9", "sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==");

	@Test
	void readsBackWhatWasPackedButTheFieldsLeftOut() {
		HttpHeaders read = PackedHeaders.read(PackedHeaders.pack(this.headers, "upgrade", "Sec-WebSocket-Key"));
		assertThat(read.names()).containsExactly("Host", "X-Latin");
		assertThat(read.first("host")).isEqualTo("example.com");
		assertThat(read.first("X-Latin")).isEqualTo("caf\u00e9");
		assertThat(read.contains("Upgrade")).isFalse();
	}

	@Test
	void readsBackEqualHeadersWhenNothingIsLeftOut() {
		assertThat(PackedHeaders.read(PackedHeaders.pack(this.headers))).isEqualTo(this.headers);
	}

	@Test
	void whatIsReadBackIsReadOnly() {
		HttpHeaders read = PackedHeaders.read(PackedHeaders.pack(this.headers));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> read.add("X-More", "1"));
	}

	@Test
	void packingCompactHeadersCopiesTheirBytes() {
		HttpHeaders compact = this.headers.compact();
		byte[] packed = PackedHeaders.pack(compact);
		packed[0] = 'h';
		assertThat(compact.names()).startsWith("Host");
	}

}
