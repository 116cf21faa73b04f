package dev.wsboot.test.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One frame as a client puts it on the wire, well-formed or deliberately not, for
 * {@link WsTestSession#sendFrames}: fault injection such as an unmasked frame, a text
 * payload that is not UTF-8, a message in fragments, a close with a given code, reserved
 * bits or opcodes, or a length that promises bytes that never come.
 *
 * <pre class="code">
 * session.sendFrames(WsFrame.text("hello").unmasked());                 // server answers 1002
 * session.sendFrames(WsFrame.text(new byte[] { (byte) 0xC0, (byte) 0xAF })); // 1007
 * session.sendFrames(WsFrame.fragments("hello", 2));                     // "he", "ll", "o"
 * session.sendFrames(WsFrame.close(4000, "bye"));
 * </pre>
 *
 * <p>Frames are immutable: each modifier returns a new frame. Unless told otherwise a frame is
 * final, has no reserved bit set, and is masked (RFC 6455 §5.3) with a key chosen at random
 * when it is made, so that {@link #bytes()} gives the same bytes every time.
 */
public final class WsFrame {

	/** The opcode of a continuation frame. */
	public static final int CONTINUATION = 0x0;

	/** The opcode of a text frame. */
	public static final int TEXT = 0x1;

	/** The opcode of a binary frame. */
	public static final int BINARY = 0x2;

	/** The opcode of a close frame. */
	public static final int CLOSE = 0x8;

	/** The opcode of a ping frame. */
	public static final int PING = 0x9;

	/** The opcode of a pong frame. */
	public static final int PONG = 0xA;

	private final WireFrame wire;

	private WsFrame(WireFrame wire) {
		this.wire = wire;
	}

	/**
	 * A final, masked frame with any opcode, reserved ones included.
	 * @param opcode the four opcode bits
	 * @param payload the payload, copied
	 */
	public static WsFrame of(int opcode, byte[] payload) {
		if (opcode < 0 || opcode > 0xF) {
			throw new IllegalArgumentException("An opcode has four bits: " + opcode);
		}
		return new WsFrame(new WireFrame(true, 0, opcode, payload.clone(), true, ThreadLocalRandom.current().nextInt(),
				null, -1));
	}

	/** A text frame of this text as UTF-8. */
	public static WsFrame text(String text) {
		return of(TEXT, utf8(text));
	}

	/** A text frame of these bytes, which need not be UTF-8. */
	public static WsFrame text(byte[] payload) {
		return of(TEXT, payload);
	}

	/** A binary frame. */
	public static WsFrame binary(byte[] data) {
		return of(BINARY, data);
	}

	/** A continuation frame of this text as UTF-8. */
	public static WsFrame continuation(String text) {
		return of(CONTINUATION, utf8(text));
	}

	/** A continuation frame. */
	public static WsFrame continuation(byte[] payload) {
		return of(CONTINUATION, payload);
	}

	/** A ping frame. */
	public static WsFrame ping(byte[] payload) {
		return of(PING, payload);
	}

	/** A pong frame. */
	public static WsFrame pong(byte[] payload) {
		return of(PONG, payload);
	}

	/** A close frame with no payload: no status code. */
	public static WsFrame close() {
		return of(CLOSE, new byte[0]);
	}

	/** A close frame with this status code, which may be one no endpoint may send. */
	public static WsFrame close(int code) {
		return close(code, "");
	}

	/** A close frame with this status code and reason. */
	public static WsFrame close(int code, String reason) {
		byte[] reasonBytes = utf8(reason);
		byte[] payload = new byte[2 + reasonBytes.length];
		payload[0] = (byte) (code >>> 8);
		payload[1] = (byte) code;
		System.arraycopy(reasonBytes, 0, payload, 2, reasonBytes.length);
		return of(CLOSE, payload);
	}

	/** A text message in fragments of {@code size} UTF-8 bytes, which may split a character. */
	public static WsFrame[] fragments(String text, int size) {
		return fragments(TEXT, utf8(text), size);
	}

	/**
	 * A message in fragments of {@code size} bytes: a first frame with {@code opcode}, then
	 * continuation frames, the last one final (RFC 6455 §5.4).
	 */
	public static WsFrame[] fragments(int opcode, byte[] data, int size) {
		if (size < 1) {
			throw new IllegalArgumentException("Fragments hold at least one byte: " + size);
		}
		List<WsFrame> frames = new ArrayList<>();
		int at = 0;
		do {
			int end = Math.min(data.length, at + size);
			WsFrame frame = of(frames.isEmpty() ? opcode : CONTINUATION, Arrays.copyOfRange(data, at, end));
			frames.add((end < data.length) ? frame.notFinal() : frame);
			at = end;
		}
		while (at < data.length);
		return frames.toArray(WsFrame[]::new);
	}

	/** The same frame with FIN clear: a fragment that more frames continue. */
	public WsFrame notFinal() {
		return new WsFrame(this.wire.withFin(false));
	}

	/** The same frame with these RSV1-RSV3 bits (0 to 7), which no extension of ours has agreed. */
	public WsFrame rsv(int bits) {
		if (bits < 0 || bits > 7) {
			throw new IllegalArgumentException("There are three RSV bits: " + bits);
		}
		return new WsFrame(this.wire.withRsv(bits));
	}

	/** The same frame with MASK clear, which RFC 6455 §5.1 forbids a client. */
	public WsFrame unmasked() {
		return new WsFrame(this.wire.withMask(false, this.wire.maskingKey()));
	}

	/** The same frame masked with this key, its most significant byte first on the wire. */
	public WsFrame maskingKey(int maskingKey) {
		return new WsFrame(this.wire.withMask(true, maskingKey));
	}

	/**
	 * The same frame declaring {@code length} payload bytes whatever its payload: with a
	 * shorter payload, the header promises bytes that never come. Any 64 bits: a negative
	 * value sets the most significant bit, which RFC 6455 §5.2 forbids.
	 */
	public WsFrame declaredLength(long length) {
		return new WsFrame(this.wire.withDeclaredLength(length));
	}

	/**
	 * The same frame with its length in this many extended octets, 0, 2 or 8, instead of the
	 * shortest form RFC 6455 §5.2 requires.
	 */
	public WsFrame lengthOctets(int octets) {
		if (octets != 0 && octets != 2 && octets != 8) {
			throw new IllegalArgumentException("A length takes 0, 2 or 8 extended octets: " + octets);
		}
		return new WsFrame(this.wire.withLengthOctets(octets));
	}

	/** The opcode. */
	public int opcode() {
		return this.wire.opcode();
	}

	/** Whether FIN is set. */
	public boolean isFinal() {
		return this.wire.fin();
	}

	/** Whether this is a control frame: close, ping, pong or a reserved control opcode. */
	public boolean isControl() {
		return this.wire.opcode() >= CLOSE;
	}

	/** The payload, unmasked. */
	public byte[] payload() {
		return this.wire.payload().clone();
	}

	/** The whole frame as it goes on the wire: header, then the payload, masked when MASK is set. */
	public byte[] bytes() {
		return this.wire.bytes();
	}

	/** The frames back to back, as one write puts them on the wire. */
	public static byte[] bytes(WsFrame... frames) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (WsFrame frame : frames) {
			out.writeBytes(frame.bytes());
		}
		return out.toByteArray();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		byte[] payload = this.wire.payload();
		String shown = (payload.length <= 32) ? " [" + HexFormat.ofDelimiter(" ").formatHex(payload) + "]" : "";
		return "WsFrame[opcode=0x" + Integer.toHexString(this.wire.opcode()) + (this.wire.fin() ? "" : ", not final")
				+ ((this.wire.rsv() != 0) ? ", rsv=" + this.wire.rsv() : "") + (this.wire.masked() ? "" : ", unmasked")
				+ ", " + payload.length + " bytes" + shown + "]";
	}

}
