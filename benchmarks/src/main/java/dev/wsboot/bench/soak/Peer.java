package dev.wsboot.bench.soak;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One client connection of the soak test on a blocking socket: enough of RFC 6455 to be a
 * good client, and the freedom to be a bad one (half a request, garbage, a flood of pings).
 * Reads time out, so a peer that is never answered shows up as a failure, not a hang.
 */
final class Peer implements AutoCloseable {

	private static final byte[] MASKING_KEY = { 0x37, (byte) 0xfa, 0x21, 0x3d };

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CLOSE = 0x8;

	static final int PING = 0x9;

	static final int PONG = 0xA;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private Peer(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/** Connects to the loopback address; {@code receiveBuffer} 0 keeps the default. */
	static Peer connect(int port, int receiveBuffer, int readTimeoutMillis) throws IOException {
		Socket socket = new Socket();
		try {
			if (receiveBuffer > 0) {
				socket.setReceiveBufferSize(receiveBuffer);
			}
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
			socket.setSoTimeout(readTimeoutMillis);
			socket.setTcpNoDelay(true);
			return new Peer(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	static byte[] upgradeRequest(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** Sends the upgrade request and reads the answer's status code. */
	int upgrade(String path) throws IOException {
		send(upgradeRequest(path));
		return status(readHead());
	}

	void send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	void sendFrame(int opcode, byte[] payload) throws IOException {
		send(frame(opcode, payload));
	}

	/** A final, masked frame. */
	static byte[] frame(int opcode, byte[] payload) {
		ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
		frame.put((byte) (0x80 | opcode));
		if (payload.length <= 125) {
			frame.put((byte) (0x80 | payload.length));
		}
		else if (payload.length <= 0xFFFF) {
			frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
		}
		else {
			frame.put((byte) (0x80 | 127)).putLong(payload.length);
		}
		frame.put(MASKING_KEY);
		for (int i = 0; i < payload.length; i++) {
			frame.put((byte) (payload[i] ^ MASKING_KEY[i & 3]));
		}
		return Arrays.copyOf(frame.array(), frame.position());
	}

	/** Reads an HTTP response head, up to its blank line or the end of the connection. */
	String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last4 = 0;
		for (int b; last4 != 0x0D0A0D0A && (b = this.in.read()) >= 0;) {
			head.write(b);
			last4 = (last4 << 8) | b;
		}
		return head.toString(StandardCharsets.ISO_8859_1);
	}

	static int status(String head) {
		if (head.length() < 12 || !head.startsWith("HTTP/1.1 ")) {
			return 0;
		}
		return Integer.parseInt(head.substring(9, 12));
	}

	/** Reads one frame from the server: opcode and payload. */
	Frame readFrame() throws IOException {
		int b0 = readByte();
		int b1 = readByte();
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
		if (length > 16 << 20) {
			throw new IOException("Frame of " + length + " bytes from the server");
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException("Connection ended inside a frame");
		}
		return new Frame(b0 & 0x0F, payload);
	}

	/**
	 * Reads until the server ends the connection and returns the close code it sent, 0 for
	 * none; frames other than close are skipped.
	 */
	int readUntilEnd() throws IOException {
		int code = 0;
		try {
			while (true) {
				Frame frame = readFrame();
				if (frame.opcode() == CLOSE && frame.payload().length >= 2) {
					code = ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
				}
			}
		}
		catch (EOFException | SocketException ex) {
			return code;
		}
	}

	/** Reads raw bytes until the server ends the connection. */
	byte[] drain() throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			for (int n; (n = this.in.read(chunk)) >= 0;) {
				all.write(chunk, 0, Math.min(n, Math.max(0, 4096 - all.size())));
			}
		}
		catch (SocketException ex) {
			// Reset by the server: ended as well.
		}
		return all.toByteArray();
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException("Connection ended");
		}
		return b;
	}

	/** Ends the connection with a TCP reset. */
	void reset() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Closed below either way.
		}
		close();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// Nothing more to release.
		}
	}

	record Frame(int opcode, byte[] payload) {
	}

}
