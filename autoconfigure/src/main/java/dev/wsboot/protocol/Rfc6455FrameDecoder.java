package dev.wsboot.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The standard {@link FrameDecoder} for frames sent by a client.
 *
 * <p>It keeps at most one frame header (14 bytes) and the payload of the frame being
 * received, which grows as bytes arrive instead of being allocated at the declared length:
 * a peer that declares a large frame and sends nothing costs almost nothing. Every rule that
 * can be judged from the first two bytes is checked before anything else is read.
 */
public final class Rfc6455FrameDecoder implements FrameDecoder {

	private static final int MAX_HEADER = 14;

	/** The first array of a partial payload: a few hundred bytes, whatever the declared length. */
	private static final int MIN_PARTIAL_CAPACITY = 256;

	private final WebSocketLimits limits;

	/** The reserved bits negotiated extensions own; any other set bit fails the connection. */
	private final int extensionBits;

	/** A header split across reads, gathered until complete; only then allocated. */
	private byte @Nullable [] header;

	private int headerFilled;

	private int headerLength;

	// The frame being received, valid once its header is complete (opcode != null).
	private @Nullable Opcode opcode;

	private boolean fin;

	private int rsv;

	private int maskingKey;

	private int payloadLength;

	private byte[] payload = Frame.EMPTY;

	private int payloadFilled;

	/** A decoder for a connection without extensions: every reserved bit must be clear. */
	public Rfc6455FrameDecoder(WebSocketLimits limits) {
		this(limits, 0);
	}

	/**
	 * A decoder for a connection whose negotiated extensions own some reserved bits.
	 * @param extensionBits the reserved bits data frames may carry, RSV1 as {@code 0b100}
	 */
	public Rfc6455FrameDecoder(WebSocketLimits limits, int extensionBits) {
		if ((extensionBits & ~0b111) != 0) {
			throw new IllegalArgumentException("Reserved bits are three: " + Integer.toBinaryString(extensionBits));
		}
		this.limits = limits;
		this.extensionBits = extensionBits;
	}

	@Override
	public @Nullable Frame decode(ByteBuffer in) {
		if (this.opcode == null && !readHeader(in)) {
			return null;
		}
		if (this.payloadFilled == 0 && in.remaining() >= this.payloadLength) {
			// The whole payload is here: one exact allocation, no growth.
			byte[] data = (this.payloadLength == 0) ? Frame.EMPTY : new byte[this.payloadLength];
			Masking.copyUnmasked(in, data, 0, data.length, this.maskingKey, 0);
			return complete(data);
		}
		int count = Math.min(in.remaining(), this.payloadLength - this.payloadFilled);
		ensureCapacity(this.payloadFilled + count);
		Masking.copyUnmasked(in, this.payload, this.payloadFilled, count, this.maskingKey, this.payloadFilled);
		this.payloadFilled += count;
		if (this.payloadFilled < this.payloadLength) {
			return null;
		}
		return complete(this.payload);
	}

	private Frame complete(byte[] data) {
		Frame frame = new Frame(this.fin, this.rsv, this.opcode, data);
		this.opcode = null;
		this.headerFilled = 0;
		this.headerLength = 0;
		this.payload = Frame.EMPTY;
		this.payloadFilled = 0;
		return frame;
	}

	/** Reads header bytes; true once the header is complete and checked. */
	private boolean readHeader(ByteBuffer in) {
		if (this.headerFilled == 0 && in.remaining() >= 2) {
			// Usual case: the whole header is in this read, so it is parsed where it is.
			int at = in.position();
			if (in.remaining() >= headerLength(in.get(at + 1))) {
				this.headerLength = checkFirstTwoBytes(in.get(at) & 0xFF, in.get(at + 1) & 0xFF);
				parseLengthAndMask(in, at);
				in.position(at + this.headerLength);
				return true;
			}
		}
		byte[] gathered = this.header;
		if (gathered == null) {
			gathered = new byte[MAX_HEADER];
			this.header = gathered;
		}
		while (this.headerFilled < 2) {
			if (!in.hasRemaining()) {
				return false;
			}
			gathered[this.headerFilled++] = in.get();
			if (this.headerFilled == 2) {
				this.headerLength = checkFirstTwoBytes(gathered[0] & 0xFF, gathered[1] & 0xFF);
			}
		}
		int count = Math.min(in.remaining(), this.headerLength - this.headerFilled);
		in.get(gathered, this.headerFilled, count);
		this.headerFilled += count;
		if (this.headerFilled < this.headerLength) {
			return false;
		}
		parseLengthAndMask(ByteBuffer.wrap(gathered), 0);
		// An idle connection keeps no header buffer.
		this.header = null;
		return true;
	}

	/** Checks what the first two bytes decide and returns the full header length. */
	private int checkFirstTwoBytes(int b0, int b1) {
		boolean finBit = (b0 & 0x80) != 0;
		int rsvBits = (b0 >>> 4) & 0x7;
		Opcode op = Opcode.fromBits(b0 & 0x0F);
		// RFC 6455 §5.2: RSV1-3 MUST be 0 unless an extension defining them was negotiated;
		// the extensions this server can agree to give them meaning on data frames only
		// (RFC 7692 §6: "An endpoint MUST NOT set the RSV1 bit" of control frames).
		int allowed = op.isControl() ? 0 : this.extensionBits;
		if ((rsvBits & ~allowed) != 0) {
			throw ProtocolException.protocolError("Reserved bits set without a negotiated extension");
		}
		// RFC 6455 §5.1: a server MUST close the connection upon receiving an unmasked frame.
		if ((b1 & 0x80) == 0) {
			throw ProtocolException.protocolError("Client frame is not masked");
		}
		int length7 = b1 & 0x7F;
		if (op.isControl()) {
			// RFC 6455 §5.5: control frames MUST have a payload of 125 bytes or less and
			// MUST NOT be fragmented.
			if (length7 > 125) {
				throw ProtocolException.protocolError("Control frame payload over 125 bytes");
			}
			if (!finBit) {
				throw ProtocolException.protocolError("Fragmented control frame");
			}
		}
		this.fin = finBit;
		this.rsv = rsvBits;
		return headerLength(b1);
	}

	/** The length of a masked frame's header, from its second byte: 2, extended length, 4-byte key. */
	private static int headerLength(int secondByte) {
		int length7 = secondByte & 0x7F;
		int extended = (length7 == 126) ? 2 : (length7 == 127) ? 8 : 0;
		return 2 + extended + 4;
	}

	/** Reads the payload length and the masking key of the header starting at {@code at}. */
	private void parseLengthAndMask(ByteBuffer source, int at) {
		int length7 = source.get(at + 1) & 0x7F;
		long length;
		int keyAt;
		if (length7 == 126) {
			length = ((source.get(at + 2) & 0xFF) << 8) | (source.get(at + 3) & 0xFF);
			keyAt = at + 4;
		}
		else if (length7 == 127) {
			length = source.getLong(at + 2);
			// RFC 6455 §5.2: the most significant bit of a 64-bit length MUST be 0.
			if (length < 0) {
				throw ProtocolException.protocolError("64-bit payload length with the most significant bit set");
			}
			keyAt = at + 10;
		}
		else {
			length = length7;
			keyAt = at + 2;
		}
		if (length > this.limits.maxFrameSize()) {
			throw ProtocolException.messageTooBig(
					"Frame of " + length + " bytes exceeds the limit of " + this.limits.maxFrameSize());
		}
		this.payloadLength = (int) length;
		this.maskingKey = source.getInt(keyAt);
		this.opcode = Opcode.fromBits(source.get(at) & 0x0F);
	}

	/**
	 * Grows the partial payload to hold {@code needed} bytes, with what has arrived rather
	 * than with the declared length: a peer that declares a large frame and sends one byte
	 * must not make the server allocate for the whole frame. The array doubles, and jumps to
	 * the declared size once an eighth of it has arrived, so memory stays within eight times
	 * what the peer really sent; a large frame arriving in reads of the loop's buffer is then
	 * copied once more at most, not at every doubling.
	 */
	private void ensureCapacity(int needed) {
		if (needed <= this.payload.length) {
			return;
		}
		int capacity;
		if (needed >= this.payloadLength / 8) {
			capacity = this.payloadLength;
		}
		else {
			int doubled = (int) Math.min(Integer.MAX_VALUE, 2L * this.payload.length);
			capacity = Math.min(this.payloadLength, Math.max(needed, Math.max(doubled, MIN_PARTIAL_CAPACITY)));
		}
		this.payload = Arrays.copyOf(this.payload, capacity);
	}

	@Override
	public @Nullable Opcode partialOpcode() {
		return this.opcode;
	}

	@Override
	public byte[] partialPayload() {
		return this.payload;
	}

	@Override
	public int partialLength() {
		return this.payloadFilled;
	}

	@Override
	public boolean isBetweenFrames() {
		return this.opcode == null && this.headerFilled == 0;
	}

}
