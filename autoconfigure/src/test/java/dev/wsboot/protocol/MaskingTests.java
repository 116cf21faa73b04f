package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

import dev.wsboot.testsupport.ClientFrame;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.wsboot.protocol.FrameBytes.hex;
import static dev.wsboot.protocol.FrameBytes.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Masking}, against a byte-at-a-time XOR written from the words of
 * RFC 6455 §5.3.
 */
class MaskingTests {

	/** Keys with every byte's high bit set, clear, or mixed, to catch sign extension. */
	private static final int[] KEYS = { ClientFrame.RFC_MASKING_KEY, 0, 0xFFFFFFFF, 0x80000001, 0x01020304,
			0x7F80FF00 };

	@Nested
	@DisplayName("§5.3 client-to-server masking")
	class Section5_3 {

		@Test
		void rfcExampleMasksHelloWithKey37fa213d() {
			byte[] data = utf8("Hello");
			Masking.unmask(data, 0, data.length, ClientFrame.RFC_MASKING_KEY, 0);
			assertThat(data).inHexadecimal().containsExactly(hex("7f 9f 4d 51 58"));
		}

		@Test
		void rfcExampleUnmasksBackToHello() {
			byte[] data = hex("7f 9f 4d 51 58");
			Masking.unmask(data, 0, data.length, ClientFrame.RFC_MASKING_KEY, 0);
			assertThat(data).asString().isEqualTo("Hello");
		}

		@Test
		void maskingTwiceGivesTheOriginalBack() {
			byte[] original = FrameBytes.pattern(1000);
			byte[] data = original.clone();
			Masking.unmask(data, 0, data.length, 0xDEADBEEF, 0);
			assertThat(data).isNotEqualTo(original);
			Masking.unmask(data, 0, data.length, 0xDEADBEEF, 0);
			assertThat(data).isEqualTo(original);
		}

		@Test
		void keyOfZeroLeavesTheDataAsItIs() {
			byte[] data = FrameBytes.pattern(37);
			Masking.unmask(data, 0, data.length, 0, 0);
			assertThat(data).isEqualTo(FrameBytes.pattern(37));
		}

		@ParameterizedTest(name = "length {0}")
		@ValueSource(ints = { 0, -1, -8 })
		void nothingIsTouchedForAnEmptyOrNegativeLength(int length) {
			byte[] data = FrameBytes.pattern(16);
			Masking.unmask(data, 4, length, 0xFFFFFFFF, 0);
			assertThat(data).isEqualTo(FrameBytes.pattern(16));
		}

	}

	@Nested
	@DisplayName("equivalence with a byte-at-a-time XOR")
	class NaiveEquivalence {

		@Test
		void copyingUnmaskedFromAnyBufferGivesTheSameBytesAndAdvancesTheSource() {
			for (boolean direct : new boolean[] { false, true }) {
				for (ByteOrder order : new ByteOrder[] { ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN }) {
					for (int key : KEYS) {
						for (int length = 0; length <= 40; length++) {
							for (int payloadIndex = 0; payloadIndex <= 7; payloadIndex++) {
								byte[] data = FrameBytes.pattern(length + 3);
								byte[] expected = naiveUnmask(data, 3, length, key, payloadIndex);
								ByteBuffer source = (direct ? ByteBuffer.allocateDirect(data.length) : ByteBuffer.allocate(data.length))
									.order(order);
								source.put(data).flip().position(3);
								byte[] dest = new byte[length + 5];
								Masking.copyUnmasked(source, dest, 5, length, key, payloadIndex);
								assertThat(Arrays.copyOfRange(dest, 5, 5 + length))
									.as("direct %s, %s, key %08x, length %d, payload index %d", direct, order, key, length, payloadIndex)
									.isEqualTo(Arrays.copyOfRange(expected, 3, 3 + length));
								assertThat(source.position()).isEqualTo(3 + length);
							}
						}
					}
				}
			}
		}

		@Test
		void everyLengthUpTo40AtEveryOffsetAndPayloadIndexUpTo7() {
			for (int key : KEYS) {
				for (int length = 0; length <= 40; length++) {
					for (int offset = 0; offset <= 7; offset++) {
						for (int payloadIndex = 0; payloadIndex <= 7; payloadIndex++) {
							byte[] data = FrameBytes.pattern(offset + length + 9);
							byte[] expected = naiveUnmask(data, offset, length, key, payloadIndex);
							Masking.unmask(data, offset, length, key, payloadIndex);
							assertThat(data)
								.as("key %08x, length %d, offset %d, payload index %d", key, length, offset, payloadIndex)
								.isEqualTo(expected);
						}
					}
				}
			}
		}

		@Test
		void onlyTheLowTwoBitsOfALargePayloadIndexMatter() {
			for (long base : new long[] { 1L << 32, (1L << 40) + 8, Long.MAX_VALUE - 7 }) {
				for (int rotation = 0; rotation < 4; rotation++) {
					byte[] data = FrameBytes.pattern(29);
					byte[] expected = naiveUnmask(data, 0, 29, 0x37FA213D, rotation);
					Masking.unmask(data, 0, 29, 0x37FA213D, base + rotation);
					assertThat(data).as("payload index %d", base + rotation).isEqualTo(expected);
				}
			}
		}

		@Test
		void randomLargeArraysAtRandomOffsetsAndPayloadIndexes() {
			Random random = new Random(6455);
			for (int round = 0; round < 200; round++) {
				int length = random.nextInt(70_000);
				int offset = random.nextInt(64);
				byte[] data = new byte[offset + length + random.nextInt(16)];
				random.nextBytes(data);
				int key = random.nextInt();
				long payloadIndex = random.nextLong() & Long.MAX_VALUE;
				byte[] expected = naiveUnmask(data, offset, length, key, payloadIndex);
				Masking.unmask(data, offset, length, key, payloadIndex);
				assertThat(data).as("round %d", round).isEqualTo(expected);
			}
		}

	}

	@Nested
	@DisplayName("unmasking a payload in pieces as it arrives")
	class InPieces {

		@Test
		void twoPiecesSplitAtEveryPointGiveTheSameBytesAsOne() {
			for (int key : KEYS) {
				for (int length = 0; length <= 40; length++) {
					byte[] whole = maskedWhole(length, key);
					for (int split = 0; split <= length; split++) {
						byte[] data = ClientFrame.mask(FrameBytes.pattern(length), key);
						Masking.unmask(data, 0, split, key, 0);
						Masking.unmask(data, split, length - split, key, split);
						assertThat(data).as("key %08x, length %d, split at %d", key, length, split).isEqualTo(whole);
					}
				}
			}
		}

		@Test
		void manyPiecesAtRandomSplitPointsGiveTheSameBytesAsOne() {
			Random random = new Random(13);
			for (int round = 0; round < 500; round++) {
				int length = random.nextInt(5000);
				int key = random.nextInt();
				byte[] data = ClientFrame.mask(FrameBytes.pattern(length), key);
				int done = 0;
				while (done < length) {
					int piece = Math.min(length - done, 1 + random.nextInt(random.nextBoolean() ? 9 : 700));
					Masking.unmask(data, done, piece, key, done);
					done += piece;
				}
				assertThat(data).as("round %d", round).isEqualTo(FrameBytes.pattern(length));
			}
		}

		@Test
		void piecesCopiedIntoAnotherArrayAtAnyOffsetUnmaskByTheirPayloadIndex() {
			byte[] masked = ClientFrame.mask(FrameBytes.pattern(100), 0xC0FFEE11);
			for (int start = 0; start < 100; start += 7) {
				for (int bufferOffset = 0; bufferOffset < 8; bufferOffset++) {
					int length = Math.min(23, 100 - start);
					byte[] buffer = new byte[bufferOffset + length];
					System.arraycopy(masked, start, buffer, bufferOffset, length);
					Masking.unmask(buffer, bufferOffset, length, 0xC0FFEE11, start);
					assertThat(Arrays.copyOfRange(buffer, bufferOffset, buffer.length))
						.as("payload from %d at buffer offset %d", start, bufferOffset)
						.isEqualTo(Arrays.copyOfRange(FrameBytes.pattern(100), start, start + length));
				}
			}
		}

		private static byte[] maskedWhole(int length, int key) {
			byte[] data = ClientFrame.mask(FrameBytes.pattern(length), key);
			Masking.unmask(data, 0, length, key, 0);
			return data;
		}

	}

	/**
	 * RFC 6455 §5.3: octet i of the transformed data is octet i of the original XOR octet
	 * (i mod 4) of the key, i counted from the start of the payload.
	 */
	private static byte[] naiveUnmask(byte[] data, int offset, int length, int key, long payloadIndex) {
		byte[] result = data.clone();
		for (int n = 0; n < length; n++) {
			// floorMod stays right past Long.MAX_VALUE: a wrap of 2^64 is a multiple of 4.
			int i = (int) Math.floorMod(payloadIndex + n, 4L);
			result[offset + n] = (byte) (data[offset + n] ^ (key >>> (24 - 8 * i)));
		}
		return result;
	}

}
