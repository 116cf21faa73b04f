package dev.wsboot.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client on the JDK's own {@link WebSocket}, for end-to-end tests that the server works
 * with an implementation it does not share a line with; it records what the server sends:
 * text and binary messages in order, pings, pongs and the close code. It answers pings by
 * itself and sends only well-formed frames: for exact bytes, use {@link RawWsClient}. Every
 * wait is bounded by {@link #TIMEOUT} so that a broken server fails a test rather than
 * hanging it.
 */
public final class JdkWsClient implements WebSocket.Listener {

	/** The longest any single step waits. A guard against hangs, not a measurement. */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

	private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();

	private final AtomicInteger pings = new AtomicInteger();

	private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder text = new StringBuilder();

	private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private volatile WebSocket webSocket;

	private JdkWsClient() {
	}

	/** Opens a connection to {@code path} (with any query) on the loopback address. */
	public static JdkWsClient connect(int port, String path) throws Exception {
		return connect(port, path, Map.of());
	}

	/** Opens a connection, sending these extra headers with the upgrade request. */
	public static JdkWsClient connect(int port, String path, Map<String, String> headers) throws Exception {
		return connect(HTTP, "ws", port, path, headers);
	}

	/**
	 * Opens a {@code wss://} connection with an HTTP client that uses {@code context}, which
	 * must trust the server's certificate.
	 */
	public static JdkWsClient connectTls(int port, String path, SSLContext context) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(context).build();
		return connect(http, "wss", port, path, Map.of());
	}

	private static JdkWsClient connect(HttpClient http, String scheme, int port, String path,
			Map<String, String> headers) throws Exception {
		JdkWsClient client = new JdkWsClient();
		WebSocket.Builder builder = http.newWebSocketBuilder();
		headers.forEach(builder::header);
		client.webSocket = builder.buildAsync(URI.create(scheme + "://" + loopback() + ":" + port + path), client)
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return client;
	}

	/** The loopback address as a URI host: the one {@link TestWsServer} listens on. */
	private static String loopback() {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		return (loopback instanceof Inet6Address) ? "[" + loopback.getHostAddress() + "]" : loopback.getHostAddress();
	}

	public WebSocket webSocket() {
		return this.webSocket;
	}

	/** Sends a text message and waits until it is written. */
	public void sendText(String message) throws Exception {
		this.webSocket.sendText(message, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Sends a binary message and waits until it is written. */
	public void sendBinary(byte[] message) throws Exception {
		this.webSocket.sendBinary(ByteBuffer.wrap(message), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The next text message from the server. */
	public String nextText() throws InterruptedException {
		String next = this.texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(next).as("text message from the server").isNotNull();
		return next;
	}

	/** The next binary message from the server. */
	public byte[] nextBinary() throws InterruptedException {
		byte[] next = this.binaries.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(next).as("binary message from the server").isNotNull();
		return next;
	}

	/** The payload of the next pong from the server. */
	public byte[] nextPong() throws InterruptedException {
		byte[] next = this.pongs.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		assertThat(next).as("pong from the server").isNotNull();
		return next;
	}

	/** Sends a text message and returns the server's next text message. */
	public String echo(String message) throws Exception {
		sendText(message);
		return nextText();
	}

	/** Text messages received and not yet taken, in order of arrival. */
	public BlockingQueue<String> texts() {
		return this.texts;
	}

	/** Pings received so far (the JDK client answers each with a pong by itself). */
	public int pings() {
		return this.pings.get();
	}

	/** Completes with the code of the server's close frame. */
	public CompletableFuture<Integer> closeCode() {
		return this.closeCode;
	}

	/** Waits for the server's close frame and returns its code. */
	public int awaitCloseCode() throws Exception {
		return this.closeCode.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Starts the closing handshake with 1000 and waits for the server's reply. */
	public int close() throws Exception {
		return close(WebSocket.NORMAL_CLOSURE, "");
	}

	/** Starts the closing handshake with this code and reason, and waits for the server's reply. */
	public int close(int code, String reason) throws Exception {
		if (!this.webSocket.isOutputClosed()) {
			this.webSocket.sendClose(code, reason).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		return awaitCloseCode();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.texts.add(this.text.toString());
			this.text.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		this.binary.writeBytes(bytes);
		if (last) {
			this.binaries.add(this.binary.toByteArray());
			this.binary.reset();
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
		this.pings.incrementAndGet();
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
		byte[] bytes = new byte[message.remaining()];
		message.get(bytes);
		this.pongs.add(bytes);
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeCode.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeCode.completeExceptionally(error);
	}

}
