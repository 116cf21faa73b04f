package dev.wsboot.test.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Reads the frames of one connection as a strict client does, so that no test passes on a
 * frame a real client would reject: each frame is checked against what RFC 6455 allows a
 * server to send, apart from the server's own decoder. Whole messages are assembled by
 * {@link SessionReader}; this checks frames and their sequence.
 *
 * <p>Per frame: MASK set, RSV bits without an extension, a reserved opcode, a length not in
 * its shortest form or with the most significant bit set, a control frame over 125 bytes or
 * fragmented, a close payload of one byte, a close code no endpoint may send, a close reason
 * that is not UTF-8. Across frames: a continuation with no message open, a new message before
 * the last one ended, a data frame after a close frame.
 */
final class ServerFrameReader {

	private final InputStream in;

	private final int maxPayload;

	/** The bytes of the frame being read, for the failure message. */
	private final ByteArrayOutputStream current = new ByteArrayOutputStream();

	/** The opcode of the fragmented message under way, or -1. */
	private int openMessage = -1;

	private boolean closeReceived;

	ServerFrameReader(InputStream in, int maxPayload) {
		this.in = in;
		this.maxPayload = maxPayload;
	}

	/** A frame as read: FIN, opcode and unmasked payload. */
	record Frame(boolean fin, int opcode, byte[] payload) {

		boolean isControl() {
			return this.opcode >= WsFrame.CLOSE;
		}

	}

	/**
	 * Reads and checks the next frame, blocking until it is whole.
	 * @throws EOFException when the server closes the connection, even in the middle of a frame
	 * @throws ServerViolation when the frame breaks RFC 6455
	 */
	Frame next() throws IOException, ServerViolation {
		this.current.reset();
		int b0 = readByte();
		int b1 = readByte();
		boolean fin = (b0 & 0x80) != 0;
		int opcode = b0 & 0x0F;
		check((b0 & 0x70) == 0, "a frame with RSV bits set, without an extension (RFC 6455 §5.2)");
		check((b1 & 0x80) == 0, "a masked frame, which a server MUST NOT send (RFC 6455 §5.1)");
		check(opcode <= WsFrame.BINARY || (opcode >= WsFrame.CLOSE && opcode <= WsFrame.PONG),
				"a frame with the reserved opcode 0x" + Integer.toHexString(opcode) + " (RFC 6455 §5.2)");
		long length = b1 & 0x7F;
		// RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
		if (length == 126) {
			length = readUnsigned(2);
			check(length > 125, "a 16-bit length of " + length + ", not the shortest form (RFC 6455 §5.2)");
		}
		else if (length == 127) {
			length = readUnsigned(8);
			check(length >= 0, "a 64-bit length with the most significant bit set (RFC 6455 §5.2)");
			check(length > 0xFFFF, "a 64-bit length of " + length + ", not the shortest form (RFC 6455 §5.2)");
		}
		boolean control = opcode >= WsFrame.CLOSE;
		if (control) {
			// RFC 6455 §5.5: "All control frames MUST have a payload length of 125 bytes or less
			// and MUST NOT be fragmented."
			check(length <= 125, "a control frame of " + length + " bytes (RFC 6455 §5.5)");
			check(fin, "a fragmented control frame (RFC 6455 §5.5)");
		}
		check(length <= this.maxPayload, "a frame of " + length + " bytes, more than the " + this.maxPayload
				+ " this client reads");
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException("the server closed the connection " + payload.length + " bytes into a payload of "
					+ length);
		}
		Frame frame = new Frame(fin, opcode, payload);
		if (control) {
			checkControl(frame);
		}
		else {
			checkSequence(frame);
		}
		return frame;
	}

	private void checkControl(Frame frame) throws ServerViolation {
		if (frame.opcode() != WsFrame.CLOSE) {
			return;
		}
		byte[] payload = frame.payload();
		// RFC 6455 §5.5.1: a body, if any, starts with a two-byte status code.
		check(payload.length != 1, "a close frame with a one-byte payload (RFC 6455 §5.5.1)");
		if (payload.length >= 2) {
			int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
			check(isSendable(code), "the close code " + code + ", which no endpoint may send (RFC 6455 §7.4)");
			check(isUtf8(payload, 2, payload.length - 2), "a close reason that is not UTF-8 (RFC 6455 §5.5.1)");
		}
		this.closeReceived = true;
	}

	private void checkSequence(Frame frame) throws ServerViolation {
		// RFC 6455 §5.5.1: "After sending a Close frame, the endpoint MUST NOT send any further data frames."
		check(!this.closeReceived, "a data frame after its close frame (RFC 6455 §5.5.1)");
		// RFC 6455 §5.4: the fragments of one message in order, messages not interleaved.
		if (frame.opcode() == WsFrame.CONTINUATION) {
			check(this.openMessage != -1, "a continuation frame with no message to continue (RFC 6455 §5.4)");
		}
		else {
			check(this.openMessage == -1, "a new message before the fragmented one ended (RFC 6455 §5.4)");
			this.openMessage = frame.opcode();
		}
		if (frame.fin()) {
			this.openMessage = -1;
		}
	}

	/**
	 * RFC 6455 §7.4: 1000-1003 and 1007-1011 are defined, 1012-1014 were registered since;
	 * 1004-1006 and 1015 MUST NOT be sent, 1016-2999 are reserved, 3000-4999 are for libraries
	 * and applications.
	 */
	static boolean isSendable(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	static boolean isUtf8(byte[] bytes, int offset, int length) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private void check(boolean allowed, String violation) throws ServerViolation {
		if (!allowed) {
			throw new ServerViolation("the server sent " + violation + "; the frame's bytes: ["
					+ HexFormat.ofDelimiter(" ").formatHex(this.current.toByteArray()) + "]");
		}
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException((this.current.size() == 0) ? "the server closed the connection"
					: "the server closed the connection in the middle of a frame header");
		}
		this.current.write(b);
		return b;
	}

	private long readUnsigned(int count) throws IOException {
		long value = 0;
		for (int i = 0; i < count; i++) {
			value = (value << 8) | readByte();
		}
		return value;
	}

	/** A frame, or a sequence of frames, that RFC 6455 forbids a server to send. */
	static final class ServerViolation extends Exception {

		private static final long serialVersionUID = 1L;

		ServerViolation(String message) {
			super(message, null, false, false);
		}

	}

}
