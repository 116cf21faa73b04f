package dev.wsboot.fuzz;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * A fuzz input read as a few settings, a pattern of read sizes and the bytes a peer sends,
 * and replayed the way the server reads a socket: one reused buffer, refilled per read.
 *
 * <p>Layout, so that seeds can be written by hand:
 * <pre>
 * byte 0-1   first setting, unsigned big-endian
 * byte 2-3   second setting, unsigned big-endian
 * byte 4     third setting, unsigned
 * byte 5     bit 0: direct buffer; bits 1-3: offset of the data in the buffer (0-7)
 * byte 6-13  eight read sizes, used in turn; 0 is a read that returned nothing
 * byte 14-   the bytes
 * </pre>
 * Missing bytes count as zero; eight zero sizes mean reads of one byte.
 */
record SplitInput(int first, int second, int third, boolean direct, int offset, int[] readSizes, byte[] bytes) {

	private static final int SETTINGS = 6;

	private static final int READ_SIZES = 8;

	static SplitInput read(FuzzedDataProvider data) {
		byte[] settings = Arrays.copyOf(data.consumeBytes(SETTINGS), SETTINGS);
		byte[] sizes = Arrays.copyOf(data.consumeBytes(READ_SIZES), READ_SIZES);
		int[] readSizes = new int[READ_SIZES];
		boolean anyBytes = false;
		for (int i = 0; i < READ_SIZES; i++) {
			readSizes[i] = sizes[i] & 0xFF;
			anyBytes |= readSizes[i] > 0;
		}
		if (!anyBytes) {
			readSizes[0] = 1;
		}
		return new SplitInput(u16(settings, 0), u16(settings, 2), settings[4] & 0xFF, (settings[5] & 1) != 0,
				(settings[5] >>> 1) & 7, readSizes, data.consumeRemainingAsBytes());
	}

	/** The same bytes and settings, read in one go. */
	SplitInput whole() {
		return new SplitInput(this.first, this.second, this.third, this.direct, this.offset,
				new int[] { Math.max(1, this.bytes.length) }, this.bytes);
	}

	/**
	 * Hands each read to {@code reader} in the same buffer, as the server does, and scribbles
	 * over the buffer afterwards, so a reader that kept a reference to it would see garbage.
	 * Stops early once {@code done} is true.
	 */
	void replay(Consumer<ByteBuffer> reader, BooleanSupplier done) {
		int capacity = this.offset + Arrays.stream(this.readSizes).max().orElse(1);
		ByteBuffer buffer = this.direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
		int at = 0;
		for (int read = 0; at < this.bytes.length && !done.getAsBoolean(); read++) {
			int size = Math.min(this.readSizes[read % READ_SIZES], this.bytes.length - at);
			buffer.clear();
			buffer.position(this.offset);
			buffer.put(this.bytes, at, size);
			buffer.flip();
			buffer.position(this.offset);
			at += size;
			reader.accept(buffer);
			buffer.clear();
			while (buffer.hasRemaining()) {
				buffer.put((byte) 0xAA);
			}
		}
	}

	private static int u16(byte[] bytes, int at) {
		return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
	}

}
