package dev.wsboot.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Reads the frames of one connection as a strict client would, failing the test on anything
 * RFC 6455 forbids a server to send, so that no test can pass on a frame a real client
 * would reject. It is written apart from the server's own decoder, which it checks.
 *
 * <p>Per frame: MASK set, RSV bits without a negotiated extension, a reserved opcode, a length
 * not in its shortest form or with the most significant bit set, a control frame over 125
 * bytes or fragmented, a close payload of one byte, a close code no endpoint may send, a
 * close reason or text message that is not UTF-8. Across frames: a continuation with no
 * message open, a new message before the last one ended, a data frame after a close frame.
 */
final class ServerFrameReader {

	/** The largest payload read: the biggest echo the tests ask for, and then some. */
	static final int MAX_PAYLOAD = 32 << 20;

	private final InputStream in;

	/** The bytes of the frame being read, for the failure message when it stops short. */
	private final ByteArrayOutputStream current = new ByteArrayOutputStream();

	/** The opcode of the fragmented message under way, or -1. */
	private int openMessage = -1;

	/** The text received so far of a fragmented text message, checked as UTF-8 at its end. */
	private final ByteArrayOutputStream openText = new ByteArrayOutputStream();

	private boolean closeReceived;

	ServerFrameReader(InputStream in) {
		this.in = in;
	}

	/**
	 * Reads and checks the next frame; fails if the connection ends first, or if nothing more
	 * arrives within {@code timeout}, saying what had arrived of the frame.
	 */
	ServerFrame next(Duration timeout) throws IOException {
		this.current.reset();
		int b0 = readByte(timeout);
		int b1 = readByte(timeout);
		boolean fin = (b0 & 0x80) != 0;
		int opcode = b0 & 0x0F;
		check((b0 & 0x70) == 0, "RSV bits set without an extension (RFC 6455 §5.2)");
		check((b1 & 0x80) == 0, "a masked frame: a server MUST NOT mask (RFC 6455 §5.1)");
		check(opcode <= ClientFrame.BINARY || (opcode >= ClientFrame.CLOSE && opcode <= ClientFrame.PONG),
				"the reserved opcode 0x" + Integer.toHexString(opcode) + " (RFC 6455 §5.2)");
		long length = b1 & 0x7F;
		// RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
		if (length == 126) {
			length = readUnsigned(2, timeout);
			check(length > 125, "a 16-bit length of " + length + ", not the shortest form (RFC 6455 §5.2)");
		}
		else if (length == 127) {
			length = readUnsigned(8, timeout);
			check(length >= 0, "a 64-bit length with the most significant bit set (RFC 6455 §5.2)");
			check(length > 0xFFFF, "a 64-bit length of " + length + ", not the shortest form (RFC 6455 §5.2)");
		}
		boolean control = opcode >= ClientFrame.CLOSE;
		if (control) {
			// RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less
			// and MUST NOT be fragmented."
			check(length <= 125, "a control frame of " + length + " bytes (RFC 6455 §5.5)");
			check(fin, "a fragmented control frame (RFC 6455 §5.5)");
		}
		check(length <= MAX_PAYLOAD, "a payload of " + length + " bytes, more than this client reads");
		byte[] payload = readFully((int) length, timeout);
		ServerFrame frame = new ServerFrame(fin, opcode, payload);
		if (control) {
			checkControl(frame);
		}
		else {
			checkSequence(frame);
		}
		return frame;
	}

	private void checkControl(ServerFrame frame) {
		if (!frame.isClose()) {
			return;
		}
		byte[] payload = frame.payload();
		// RFC 6455 §5.5.1: a body, if any, starts with a two-byte status code.
		check(payload.length != 1, "a close frame with a one-byte payload (RFC 6455 §5.5.1)");
		if (payload.length >= 2) {
			int code = frame.closeCode();
			check(isSendable(code), "the close code " + code + ", which no endpoint may send (RFC 6455 §7.4)");
			check(isUtf8(payload, 2, payload.length - 2), "a close reason that is not UTF-8 (RFC 6455 §5.5.1)");
		}
		this.closeReceived = true;
	}

	private void checkSequence(ServerFrame frame) {
		// RFC 6455 §5.5.1: "After sending a Close frame, the endpoint MUST NOT send any further data frames."
		check(!this.closeReceived, "a data frame after the close frame (RFC 6455 §5.5.1)");
		// RFC 6455 §5.4: fragments of one message in order, messages not interleaved.
		if (frame.opcode() == ClientFrame.CONTINUATION) {
			check(this.openMessage != -1, "a continuation frame with no message to continue (RFC 6455 §5.4)");
		}
		else {
			check(this.openMessage == -1, "a new data frame before the fragmented message ended (RFC 6455 §5.4)");
			this.openMessage = frame.opcode();
		}
		if (this.openMessage == ClientFrame.TEXT) {
			this.openText.writeBytes(frame.payload());
		}
		if (frame.fin()) {
			if (this.openMessage == ClientFrame.TEXT) {
				byte[] text = this.openText.toByteArray();
				// RFC 6455 §5.6: text data is UTF-8; §8.1 has the receiver fail on anything else.
				check(isUtf8(text, 0, text.length), "a text message that is not UTF-8 (RFC 6455 §5.6)");
				this.openText.reset();
			}
			this.openMessage = -1;
		}
	}

	/**
	 * RFC 6455 §7.4: 1000-1003 and 1007-1011 are defined, 1012-1014 were registered since;
	 * 1004-1006 and 1015 MUST NOT be sent, 1016-2999 are reserved, 3000-4999 are for libraries
	 * and applications, and anything else is not a status code.
	 */
	private static boolean isSendable(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	private static boolean isUtf8(byte[] bytes, int offset, int length) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private void check(boolean allowed, String violation) {
		if (!allowed) {
			throw new AssertionError("The server sent " + violation + "; frame bytes so far: " + hex(this.current));
		}
	}

	private int readByte(Duration timeout) throws IOException {
		int b;
		try {
			b = this.in.read();
		}
		catch (SocketTimeoutException ex) {
			throw stoppedShort(timeout, ex);
		}
		if (b == -1) {
			throw new AssertionError((this.current.size() == 0)
					? "Expected a frame, but the server closed the connection"
					: "Expected the rest of a frame, but the server closed the connection after " + hex(this.current));
		}
		this.current.write(b);
		return b;
	}

	private long readUnsigned(int count, Duration timeout) throws IOException {
		long value = 0;
		for (int i = 0; i < count; i++) {
			value = (value << 8) | readByte(timeout);
		}
		return value;
	}

	private byte[] readFully(int length, Duration timeout) throws IOException {
		byte[] payload;
		try {
			payload = this.in.readNBytes(length);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Expected a payload of " + length + " bytes after the header " + hex(this.current)
					+ ", but the server sent no more within " + timeout.toMillis() + " ms", ex);
		}
		if (payload.length < length) {
			throw new AssertionError("Expected a payload of " + length + " bytes after the header " + hex(this.current)
					+ ", but the server closed the connection after " + payload.length);
		}
		return payload;
	}

	private AssertionError stoppedShort(Duration timeout, SocketTimeoutException ex) {
		String received = (this.current.size() == 0) ? "nothing" : "only " + hex(this.current);
		return new AssertionError("Expected a frame, but the server sent " + received + " within "
				+ timeout.toMillis() + " ms", ex);
	}

	private static String hex(ByteArrayOutputStream bytes) {
		return "[" + HexFormat.ofDelimiter(" ").formatHex(bytes.toByteArray()) + "]";
	}

}
