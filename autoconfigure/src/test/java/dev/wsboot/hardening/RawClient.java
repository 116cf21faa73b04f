package dev.wsboot.hardening;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.Opcode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deliberately simple WebSocket client on a blocking socket, for tests that must send
 * what a well-behaved client never would: half a request, a frame header without its payload,
 * a flood of pings without ever reading. Every read times out after five seconds, so a test
 * waiting for an answer that never comes fails instead of hanging.
 */
final class RawClient implements AutoCloseable {

	/** The masking key of every frame sent; RFC 6455 §5.7 uses it in its examples. */
	private static final byte[] MASKING_KEY = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	private static final int READ_TIMEOUT_MILLIS = 5000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** Opens a TCP connection to the server on the loopback address. */
	static RawClient connect(int port) {
		return connect(port, 0);
	}

	/** Opens a TCP connection with a receive buffer of about {@code receiveBuffer} bytes (0: the default). */
	static RawClient connect(int port, int receiveBuffer) {
		try {
			Socket socket = new Socket();
			if (receiveBuffer > 0) {
				socket.setReceiveBufferSize(receiveBuffer);
			}
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), READ_TIMEOUT_MILLIS);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.setTcpNoDelay(true);
			return new RawClient(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Connects and completes the opening handshake on {@code path}. */
	static RawClient open(int port, String path) {
		RawClient client = connect(port);
		client.send(upgradeRequest(path));
		String head = client.readResponseHead();
		assertThat(head).as("answer to the upgrade").startsWith("HTTP/1.1 101 ");
		return client;
	}

	/** A valid upgrade request for {@code path}, as in RFC 6455 §1.3. */
	static byte[] upgradeRequest(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	// ---- sending ----

	void send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void send(String ascii) {
		send(ascii.getBytes(StandardCharsets.ISO_8859_1));
	}

	void sendText(String text) {
		send(frame(true, Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8)));
	}

	void sendClose(int code) {
		send(frame(true, Opcode.CLOSE, CloseStatus.of(code).toPayload()));
	}

	/** A masked frame as a client sends it. */
	static byte[] frame(boolean fin, Opcode opcode, byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
		frame.put(header(fin, opcode, payload.length));
		for (int i = 0; i < payload.length; i++) {
			frame.put((byte) (payload[i] ^ MASKING_KEY[i & 3]));
		}
		return Arrays.copyOf(frame.array(), frame.position());
	}

	/** The header of a masked frame declaring {@code length} payload bytes, any of the 2^64 values. */
	static byte[] header(boolean fin, Opcode opcode, long length) {
		ByteBuffer header = ByteBuffer.allocate(14);
		header.put((byte) ((fin ? 0x80 : 0) | opcode.bits()));
		if (length >= 0 && length <= 125) {
			header.put((byte) (0x80 | length));
		}
		else if (length >= 0 && length <= 0xFFFF) {
			header.put((byte) (0x80 | 126)).putShort((short) length);
		}
		else {
			header.put((byte) (0x80 | 127)).putLong(length);
		}
		header.put(MASKING_KEY);
		return Arrays.copyOf(header.array(), header.position());
	}

	// ---- receiving ----

	/** Reads the status line and headers of an HTTP response, up to the blank line. */
	String readResponseHead() {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		try {
			while (!endsWithBlankLine(head)) {
				int b = this.in.read();
				if (b < 0) {
					break;
				}
				head.write(b);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
		byte[] bytes = head.toByteArray();
		int n = bytes.length;
		return n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n';
	}

	/**
	 * Reads everything until the server ends the connection, by closing it (EOF) or
	 * resetting it; fails if neither happens within the read timeout.
	 */
	byte[] readUntilEnd() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			for (int n; (n = this.in.read(chunk)) >= 0;) {
				all.write(chunk, 0, n);
			}
		}
		catch (SocketException ex) {
			// Connection reset: ended too, with what had arrived before.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return all.toByteArray();
	}

	/** Reads one frame sent by the server (never masked). */
	ServerFrame readFrame() {
		try {
			int b0 = readByte();
			int b1 = readByte();
			assertThat(b1 & 0x80).as("server frames are not masked").isZero();
			long length = b1 & 0x7F;
			if (length == 126) {
				length = (readByte() << 8) | readByte();
			}
			else if (length == 127) {
				length = 0;
				for (int i = 0; i < 8; i++) {
					length = (length << 8) | readByte();
				}
			}
			byte[] payload = this.in.readNBytes((int) length);
			if (payload.length < length) {
				throw new EOFException("Connection ended inside a frame");
			}
			return new ServerFrame((b0 & 0x80) != 0, Opcode.fromBits(b0 & 0x0F), payload);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads frames until a close frame, and returns its status. */
	CloseStatus readClose() {
		while (true) {
			ServerFrame frame = readFrame();
			if (frame.opcode() == Opcode.CLOSE) {
				return CloseStatus.parse(frame.payload());
			}
		}
	}

	/** Sends a text message and checks that the echo server sends it back. */
	void assertEchoes(String text) {
		sendText(text);
		ServerFrame frame = readFrame();
		assertThat(frame.opcode()).isEqualTo(Opcode.TEXT);
		assertThat(frame.text()).isEqualTo(text);
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException("Connection ended");
		}
		return b;
	}

	// ---- ending ----

	/** Ends the connection with a TCP reset instead of a FIN. */
	void reset() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Nothing to release.
		}
	}

	/** A frame as the server sent it. */
	record ServerFrame(boolean fin, Opcode opcode, byte[] payload) {

		String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

	}

}
