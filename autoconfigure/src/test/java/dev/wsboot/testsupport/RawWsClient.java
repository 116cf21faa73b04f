package dev.wsboot.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebSocket client on a blocking socket for tests that must send exactly what they choose,
 * well-formed or not, and read the server's bytes strictly: every frame is checked against
 * what RFC 6455 allows a server to send before a test sees it ({@link ServerFrameReader}).
 * The answer to the upgrade is read no further than its head ({@link HttpResponseReader}).
 *
 * <p>Every blocking read gives up after {@link #DEFAULT_TIMEOUT} (or what
 * {@link #timeout(Duration)} sets) and fails the test with what arrived instead, so a server
 * that hangs fails a test rather than the build. "Nothing more arrives" is checked with a
 * short socket timeout ({@link #expectNoFrameWithin(Duration)}), never with a sleep. Not
 * thread-safe, and without shared state: one client per thread, or one thread writing
 * while another reads or ends the connection.
 */
public final class RawWsClient implements AutoCloseable {

	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** What {@link #peek(Duration)} returns when no byte came. */
	private static final int TIMED_OUT = -2;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final HttpResponseReader http;

	private final ServerFrameReader frames;

	private Duration timeout = DEFAULT_TIMEOUT;

	private RawWsClient(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
		this.out = socket.getOutputStream();
		this.http = new HttpResponseReader(this.in);
		this.frames = new ServerFrameReader(this.in);
	}

	/** A TCP connection to the server on the loopback address, with nothing sent yet. */
	public static RawWsClient connect(int port) {
		return connect(port, 0);
	}

	/**
	 * A TCP connection from another local address, such as {@code 127.0.0.2} (the whole of
	 * 127.0.0.0/8 is this host's on Linux): a second client, as the server counts addresses.
	 */
	public static RawWsClient connectFrom(InetAddress local, int port) {
		return connect(port, 0, local);
	}

	/**
	 * A TCP connection with a receive buffer of about {@code receiveBufferSize} bytes (0 for
	 * the default): a peer that does not read then stops the server's writes early.
	 */
	public static RawWsClient connect(int port, int receiveBufferSize) {
		return connect(port, receiveBufferSize, null);
	}

	private static RawWsClient connect(int port, int receiveBufferSize, @Nullable InetAddress local) {
		Socket socket = new Socket();
		try {
			if (local != null) {
				socket.bind(new InetSocketAddress(local, 0));
			}
			if (receiveBufferSize > 0) {
				// Before connecting, so that the TCP window is negotiated with it.
				socket.setReceiveBufferSize(receiveBufferSize);
			}
			// Each write leaves at once: octet-wise tests must not wait on Nagle's algorithm.
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
					(int) DEFAULT_TIMEOUT.toMillis());
			return new RawWsClient(socket);
		}
		catch (IOException ex) {
			closeQuietly(socket);
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A TLS connection to the server on the loopback address, its handshake done, with
	 * nothing sent over it yet.
	 */
	public static RawWsClient connectTls(int port, SSLContext context) {
		SSLSocket socket = null;
		try {
			socket = (SSLSocket) context.getSocketFactory().createSocket();
			socket.setTcpNoDelay(true);
			socket.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
					(int) DEFAULT_TIMEOUT.toMillis());
			socket.startHandshake();
			return new RawWsClient(socket);
		}
		catch (IOException ex) {
			if (socket != null) {
				closeQuietly(socket);
			}
			throw new UncheckedIOException(ex);
		}
	}

	/** Opens a WebSocket on {@code path} over TLS, checking the 101 and its headers. */
	public static RawWsClient openTls(int port, String path, SSLContext context) {
		return upgrade(connectTls(port, context), UpgradeRequest.to(path, port), new byte[0]);
	}

	/** The underlying socket: an {@link SSLSocket} for a TLS client. */
	public Socket socket() {
		return this.socket;
	}

	/** Opens a WebSocket on {@code path}, checking the 101 and its headers. */
	public static RawWsClient open(int port, String path) {
		return open(port, UpgradeRequest.to(path, port), new byte[0]);
	}

	/** Opens a WebSocket, sending {@code firstBytes} in the same write as the upgrade request. */
	public static RawWsClient open(int port, String path, byte[] firstBytes) {
		return open(port, UpgradeRequest.to(path, port), firstBytes);
	}

	/**
	 * Opens a WebSocket with this request, which the server is expected to accept, followed
	 * in the same write by {@code firstBytes}; checks the 101, its {@code Upgrade} and
	 * {@code Connection} headers and its {@code Sec-WebSocket-Accept} (RFC 6455 §4.2.2).
	 */
	public static RawWsClient open(int port, UpgradeRequest request, byte[] firstBytes) {
		return upgrade(connect(port), request, firstBytes);
	}

	private static RawWsClient upgrade(RawWsClient client, UpgradeRequest request, byte[] firstBytes) {
		try {
			byte[] head = request.bytes();
			byte[] bytes = Arrays.copyOf(head, head.length + firstBytes.length);
			System.arraycopy(firstBytes, 0, bytes, head.length, firstBytes.length);
			client.send(bytes);
			HttpResponse response = client.readHttpHead();
			assertThat(response.status()).as("status of the upgrade: %s", response).isEqualTo(101);
			assertThat(response.header("Upgrade")).as("Upgrade header").isEqualToIgnoringCase("websocket");
			assertThat(response.header("Connection")).as("Connection header").isEqualToIgnoringCase("Upgrade");
			assertThat(response.header("Sec-WebSocket-Accept")).as("Sec-WebSocket-Accept")
				.isEqualTo(request.expectedAccept());
			return client;
		}
		catch (RuntimeException | AssertionError ex) {
			client.close();
			throw ex;
		}
	}

	/** Sets how long each later blocking read waits before it fails the test. */
	public RawWsClient timeout(Duration timeout) {
		this.timeout = timeout;
		setSoTimeout(timeout);
		return this;
	}

	// ---- the opening handshake ----

	/** Sends a valid upgrade request for {@code path}, and reads nothing. */
	public void sendUpgradeRequest(String path) {
		send(UpgradeRequest.to(path, this.socket.getPort()).bytes());
	}

	/** Sends a valid upgrade request for {@code path} and reads the head of the answer, whatever its status. */
	public HttpResponse upgrade(String path) {
		return upgrade(UpgradeRequest.to(path, this.socket.getPort()));
	}

	/** Sends this upgrade request and reads the head of the answer, whatever its status. */
	public HttpResponse upgrade(UpgradeRequest request) {
		send(request.bytes());
		return readHttpHead();
	}

	/** Reads a status line and header lines up to the blank line, and no further. */
	public HttpResponse readHttpHead() {
		return this.http.readHead(this.timeout);
	}

	/** Reads a whole refusal: the head, then a body of {@code Content-Length} bytes. */
	public HttpResponse readHttpResponse() {
		return this.http.readWithBody(this.timeout);
	}

	// ---- sending ----

	/** Sends bytes in one write. */
	public void send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Sends text as ISO-8859-1 bytes in one write: a request head, whole or in part. */
	public void send(String head) {
		send(head.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Sends the frames back to back in one write. */
	public void send(ClientFrame... frames) {
		send(ClientFrame.bytes(frames));
	}

	/** Sends the frames with one write each. */
	public void sendEach(ClientFrame... frames) {
		for (ClientFrame frame : frames) {
			send(frame.bytes());
		}
	}

	/** Sends the frames one octet per write. */
	public void sendOctetWise(ClientFrame... frames) {
		for (ClientFrame frame : frames) {
			sendSplit(frame.bytes(), 1);
		}
	}

	/** Sends a frame's header one octet per write, then its payload in writes of {@code piece} bytes. */
	public void sendChunked(ClientFrame frame, int piece) {
		byte[] bytes = frame.bytes();
		int header = frame.headerLength();
		sendSplit(Arrays.copyOf(bytes, header), 1);
		sendSplit(Arrays.copyOfRange(bytes, header, bytes.length), piece);
	}

	/** Sends bytes in writes of {@code piece} bytes, the last one shorter. */
	public void sendSplit(byte[] bytes, int piece) {
		for (int at = 0; at < bytes.length; at += piece) {
			send(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + piece)));
		}
	}

	/** Sends bytes in one write per piece, cut at these ascending offsets. */
	public void sendSplitAt(byte[] bytes, int... offsets) {
		int from = 0;
		for (int offset : offsets) {
			send(Arrays.copyOfRange(bytes, from, offset));
			from = offset;
		}
		send(Arrays.copyOfRange(bytes, from, bytes.length));
	}

	public void sendText(String text) {
		send(ClientFrame.text(text));
	}

	public void sendBinary(byte[] data) {
		send(ClientFrame.binary(data));
	}

	public void sendPing(byte[] payload) {
		send(ClientFrame.ping(payload));
	}

	public void sendPong(byte[] payload) {
		send(ClientFrame.pong(payload));
	}

	public void sendClose(int code) {
		send(ClientFrame.close(code));
	}

	public void sendClose(int code, String reason) {
		send(ClientFrame.close(code, reason));
	}

	/** Sends a text message in fragments of {@code size} bytes, in one write. */
	public void sendFragmented(String text, int size) {
		send(ClientFrame.fragments(ClientFrame.TEXT, text.getBytes(StandardCharsets.UTF_8), size));
	}

	// ---- reading frames ----

	/** Reads the next server frame, failing the test if it breaks RFC 6455. */
	public ServerFrame readFrame() {
		try {
			return this.frames.next(this.timeout);
		}
		catch (SocketException ex) {
			throw new AssertionError("Expected a frame, but the connection failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads a frame and checks it is final, with this opcode and exactly this payload. */
	public ServerFrame expect(int opcode, byte[] payload) {
		ServerFrame frame = readFrame();
		assertThat(frame.opcode()).as("opcode of %s", frame).isEqualTo(opcode);
		assertThat(frame.fin()).as("FIN of %s", frame).isTrue();
		assertThat(frame.payload().length).as("payload length of %s", frame).isEqualTo(payload.length);
		assertThat(Arrays.mismatch(frame.payload(), payload)).as("index of the first byte that differs in %s", frame)
			.isEqualTo(-1);
		return frame;
	}

	public void expectText(String text) {
		expect(ClientFrame.TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	public void expectText(byte[] utf8) {
		expect(ClientFrame.TEXT, utf8);
	}

	public void expectBinary(byte[] data) {
		expect(ClientFrame.BINARY, data);
	}

	public void expectPong(String payload) {
		expect(ClientFrame.PONG, payload.getBytes(StandardCharsets.UTF_8));
	}

	public void expectPong(byte[] payload) {
		expect(ClientFrame.PONG, payload);
	}

	/** Sends a text message and checks that it comes back as it went. */
	public void assertEchoes(String text) {
		sendText(text);
		expectText(text);
	}

	/** Reads the next frame and checks it is a close frame with this status code. */
	public ServerFrame expectClose(int code) {
		ServerFrame frame = readFrame();
		assertThat(frame.opcode()).as("expected a close frame with %d but got %s", code, frame)
			.isEqualTo(ClientFrame.CLOSE);
		assertThat(frame.closeCode()).as("close code of %s", frame).isEqualTo(code);
		return frame;
	}

	/** Reads a close frame with this code, then the end of the stream: the server closed TCP. */
	public void expectCloseThenEof(int code) {
		expectClose(code);
		expectEof();
	}

	/** Reads the end of the stream: the server closed the connection and sent nothing more. */
	public void expectEof() {
		int next;
		try {
			next = this.in.read();
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Expected the server to close the connection, but it stayed open for "
					+ this.timeout.toMillis() + " ms", ex);
		}
		catch (SocketException ex) {
			throw new AssertionError("Expected the server to close the connection, but it failed: " + ex.getMessage(),
					ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (next != -1) {
			throw new AssertionError("Expected the server to close the connection, but it sent more: "
					+ hex(next, availableBytes()));
		}
	}

	/**
	 * Reads everything until the server ends the connection, by closing it (end of stream) or
	 * resetting it, and returns what arrived; fails if neither happens within the timeout.
	 */
	public byte[] readUntilEnd() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			for (int n; (n = this.in.read(chunk)) >= 0;) {
				all.write(chunk, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Expected the server to end the connection within " + this.timeout.toMillis()
					+ " ms, but it stayed open after sending \"" + ascii(all.toByteArray()) + "\"", ex);
		}
		catch (SocketException ex) {
			// Connection reset: ended too, with what had arrived before.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return all.toByteArray();
	}

	/** {@link #readUntilEnd()} as ISO-8859-1 text: an HTTP answer and what follows it. */
	public String readUntilEndAsText() {
		return ascii(readUntilEnd());
	}

	/**
	 * Checks that the server sends nothing, and keeps the connection open, for {@code quiet}:
	 * a socket timeout that expires is the proof, so a short one keeps the test short.
	 */
	public void expectNoFrameWithin(Duration quiet) {
		int next = peek(quiet);
		if (next == TIMED_OUT) {
			return;
		}
		if (next == -1) {
			throw new AssertionError(
					"Expected nothing from the server for " + quiet.toMillis() + " ms, but it closed the connection");
		}
		throw new AssertionError(
				"Expected nothing from the server for " + quiet.toMillis() + " ms, but it sent " + readFrame());
	}

	/** The next byte, left unread; -1 at the end of the stream; {@link #TIMED_OUT} if none comes within {@code wait}. */
	private int peek(Duration wait) {
		try {
			this.in.mark(1);
			setSoTimeout(wait);
			try {
				int next = this.in.read();
				this.in.reset();
				return next;
			}
			catch (SocketTimeoutException ex) {
				return TIMED_OUT;
			}
			finally {
				setSoTimeout(this.timeout);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// ---- ending ----

	/** Half-closes: sends FIN, after which the client still reads. */
	public void shutdownOutput() {
		try {
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Ends the connection with a TCP reset instead of a FIN. */
	public void reset() {
		try {
			this.socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// Already closed: nothing to reset.
		}
		close();
	}

	@Override
	public void close() {
		closeQuietly(this.socket);
	}

	private void setSoTimeout(Duration timeout) {
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Up to 63 more bytes that have already arrived, for a failure message. */
	private byte[] availableBytes() {
		try {
			return this.in.readNBytes(Math.min(63, this.in.available()));
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	private static String hex(int first, byte[] more) {
		return "[" + HexFormat.ofDelimiter(" ").formatHex(new byte[] { (byte) first })
				+ ((more.length > 0) ? " " + HexFormat.ofDelimiter(" ").formatHex(more) : "") + "]";
	}

	private static String ascii(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Nothing left to release.
		}
	}

	@Override
	public String toString() {
		return "RawWsClient[" + this.socket.getLocalPort() + " -> " + this.socket.getPort() + "]";
	}

}
