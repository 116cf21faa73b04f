package dev.wsboot.conformance;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A WebSocket client on a plain {@link Socket} that sends exact bytes and reads the server's
 * strictly: every server frame is checked against RFC 6455 before a test sees it. Every read
 * times out after {@value #READ_TIMEOUT_MILLIS} ms, so a server that hangs fails the test
 * instead of blocking the build.
 */
final class RawWebSocket implements AutoCloseable {

	static final int READ_TIMEOUT_MILLIS = 5_000;

	/** The largest server payload this client reads: the biggest echo the tests ask for, and then some. */
	private static final int MAX_PAYLOAD = 32 << 20;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawWebSocket(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
		this.out = socket.getOutputStream();
	}

	/** A TCP connection to the local server with nothing sent yet, for handshake tests. */
	static RawWebSocket open(int port) throws IOException {
		Socket socket = new Socket();
		try {
			// Each write leaves at once: octet-wise tests must not wait on Nagle's algorithm.
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
			return new RawWebSocket(socket);
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/** Opens a WebSocket on {@code path} and checks the server's 101. */
	static RawWebSocket connect(int port, String path) throws IOException {
		return connect(port, path, new byte[0]);
	}

	/**
	 * Opens a WebSocket, sending {@code firstBytes} in the same write as the upgrade request,
	 * and checks the 101 and its {@code Sec-WebSocket-Accept} (RFC 6455 §4.2.2).
	 */
	static RawWebSocket connect(int port, String path, byte[] firstBytes) throws IOException {
		return connect(port, UpgradeRequest.to(path, port), firstBytes);
	}

	/** Opens a WebSocket with this upgrade request, which the server is expected to accept. */
	static RawWebSocket connect(int port, UpgradeRequest request, byte[] firstBytes) throws IOException {
		RawWebSocket ws = open(port);
		try {
			ws.send(join(request.bytes(), firstBytes));
			HttpResponse response = ws.readHttpHead();
			assertThat(response.status()).as("status of the upgrade: %s", response).isEqualTo(101);
			assertThat(response.header("Upgrade")).as("Upgrade header").isEqualToIgnoringCase("websocket");
			assertThat(response.header("Connection")).as("Connection header").isEqualToIgnoringCase("Upgrade");
			assertThat(response.header("Sec-WebSocket-Accept")).as("Sec-WebSocket-Accept")
				.isEqualTo(request.expectedAccept());
			return ws;
		}
		catch (IOException | RuntimeException | AssertionError ex) {
			ws.close();
			throw ex;
		}
	}

	// ---- sending ----

	/** Sends bytes in one write. */
	void send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	/** Sends the frames back to back in one write, as one chop. */
	void send(ClientFrame... frames) throws IOException {
		byte[][] parts = new byte[frames.length][];
		for (int i = 0; i < frames.length; i++) {
			parts[i] = frames[i].bytes();
		}
		send(join(parts));
	}

	/** Sends the frames with one write each, frame-wise chops. */
	void sendEach(ClientFrame... frames) throws IOException {
		for (ClientFrame frame : frames) {
			send(frame.bytes());
		}
	}

	/** Sends the frames one octet per write. */
	void sendOctetWise(ClientFrame... frames) throws IOException {
		for (ClientFrame frame : frames) {
			for (byte b : frame.bytes()) {
				this.out.write(b);
				this.out.flush();
			}
		}
	}

	/** Sends a frame's header one octet per write, then its payload in writes of {@code piece} bytes. */
	void sendChunked(ClientFrame frame, int piece) throws IOException {
		byte[] bytes = frame.bytes();
		int header = frame.headerLength();
		for (int i = 0; i < header; i++) {
			this.out.write(bytes[i]);
			this.out.flush();
		}
		for (int at = header; at < bytes.length; at += piece) {
			this.out.write(bytes, at, Math.min(piece, bytes.length - at));
			this.out.flush();
		}
	}

	// ---- reading frames ----

	/** Reads the next server frame, failing the test if it breaks RFC 6455. */
	ServerFrame readFrame() throws IOException {
		int b0 = readByte();
		int b1 = readByte();
		int opcode = b0 & 0x0F;
		assertThat(b0 & 0x70).as("RSV bits of a server frame (RFC 6455 §5.2: 0 without extensions)").isZero();
		assertThat(b1 & 0x80).as("MASK bit of a server frame (RFC 6455 §5.1: a server MUST NOT mask)").isZero();
		assertThat(opcode).as("opcode of a server frame").isIn(ClientFrame.CONTINUATION, ClientFrame.TEXT,
				ClientFrame.BINARY, ClientFrame.CLOSE, ClientFrame.PING, ClientFrame.PONG);
		long length = b1 & 0x7F;
		// RFC 6455 §5.2: "the minimal number of bytes MUST be used to encode the length".
		if (length == 126) {
			length = readUnsigned(2);
			assertThat(length).as("16-bit payload length, minimal form").isGreaterThan(125);
		}
		else if (length == 127) {
			length = readUnsigned(8);
			assertThat(length).as("64-bit payload length: most significant bit 0, minimal form")
				.isGreaterThan(0xFFFF);
		}
		if (opcode >= ClientFrame.CLOSE) {
			// RFC 6455 §5.5: control frames are at most 125 bytes and never fragmented.
			assertThat(length).as("control frame payload length").isLessThanOrEqualTo(125);
			assertThat((b0 & 0x80) != 0).as("FIN of a control frame").isTrue();
		}
		assertThat(length).as("payload length of a server frame").isLessThanOrEqualTo(MAX_PAYLOAD);
		byte[] payload = readFully((int) length);
		return new ServerFrame((b0 & 0x80) != 0, opcode, payload);
	}

	/** Reads the next frame and checks it is a final text frame with exactly these bytes. */
	void expectText(byte[] utf8) throws IOException {
		expect(ClientFrame.TEXT, utf8);
	}

	void expectText(String text) throws IOException {
		expect(ClientFrame.TEXT, ClientFrame.utf8(text));
	}

	void expectBinary(byte[] data) throws IOException {
		expect(ClientFrame.BINARY, data);
	}

	void expectPong(byte[] payload) throws IOException {
		expect(ClientFrame.PONG, payload);
	}

	void expectPong(String payload) throws IOException {
		expect(ClientFrame.PONG, ClientFrame.utf8(payload));
	}

	/** Reads a frame and checks it is final, with this opcode and exactly this payload. */
	ServerFrame expect(int opcode, byte[] payload) throws IOException {
		ServerFrame frame = readFrame();
		assertThat(frame.opcode()).as("opcode of %s", frame).isEqualTo(opcode);
		assertThat(frame.fin()).as("FIN of %s", frame).isTrue();
		assertThat(frame.payload().length).as("payload length of %s", frame).isEqualTo(payload.length);
		assertThat(Arrays.mismatch(frame.payload(), payload)).as("index of the first byte that differs in %s", frame)
			.isEqualTo(-1);
		return frame;
	}

	/** Reads a close frame with this status code and a reason that is valid UTF-8. */
	ServerFrame expectClose(int code) throws IOException {
		ServerFrame frame = readFrame();
		assertThat(frame.opcode()).as("expected a close frame with %d but got %s", code, frame)
			.isEqualTo(ClientFrame.CLOSE);
		assertThat(frame.closeCode()).as("close code of %s", frame).isEqualTo(code);
		assertThat(isUtf8(Arrays.copyOfRange(frame.payload(), 2, frame.payload().length)))
			.as("close reason is UTF-8 (RFC 6455 §5.5.1)").isTrue();
		return frame;
	}

	/** Reads a close frame with this code, then the end of the stream: the server closed TCP. */
	void expectCloseThenEof(int code) throws IOException {
		expectClose(code);
		expectEof();
	}

	/** Reads the end of the stream: the server closed the connection and sent nothing more. */
	void expectEof() throws IOException {
		int next = read();
		if (next != -1) {
			fail("Expected the server to close the connection, but it sent more, starting with 0x%02x",
					next);
		}
	}

	// ---- reading HTTP ----

	/** Reads a whole refusal: status line, headers and a body of {@code Content-Length} bytes. */
	HttpResponse readHttpResponse() throws IOException {
		HttpResponse head = readHttpHead();
		String contentLength = head.header("Content-Length");
		assertThat(contentLength).as("Content-Length of %s", head).isNotNull();
		byte[] body = readFully(Integer.parseInt(contentLength));
		return new HttpResponse(head.status(), head.headers(), body);
	}

	/** Reads a status line and header lines up to the blank line, and no further. */
	private HttpResponse readHttpHead() throws IOException {
		List<String> lines = new ArrayList<>();
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			lines.add(line);
		}
		return HttpResponse.parseHead(lines);
	}

	/** A line ended by CRLF, which RFC 9112 §2.2 asks a sender to use, without the CRLF. */
	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = readByte(); b != '\r'; b = readByte()) {
			line.write(b);
		}
		assertThat(readByte()).as("LF after CR").isEqualTo('\n');
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	// ---- bytes ----

	private int read() throws IOException {
		try {
			return this.in.read();
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server sent nothing within " + READ_TIMEOUT_MILLIS + " ms", ex);
		}
	}

	private int readByte() throws IOException {
		int b = read();
		if (b == -1) {
			fail("The server closed the connection where more bytes were expected");
		}
		return b;
	}

	private long readUnsigned(int count) throws IOException {
		long value = 0;
		for (int i = 0; i < count; i++) {
			value = (value << 8) | readByte();
		}
		return value;
	}

	private byte[] readFully(int length) throws IOException {
		byte[] data;
		try {
			data = this.in.readNBytes(length);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The server stopped sending within a payload of " + length + " bytes", ex);
		}
		if (data.length < length) {
			fail("The server closed the connection after %d of %d payload bytes", data.length, length);
		}
		return data;
	}

	private static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	static byte[] join(byte[]... parts) {
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			joined.writeBytes(part);
		}
		return joined.toByteArray();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
