package dev.wsboot.demo;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test client on the JDK's own {@link WebSocket}: collects whole messages (text as
 * {@code String}, binary as {@code byte[]}) and the close code.
 */
final class WsClient implements WebSocket.Listener {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private StringBuilder text = new StringBuilder();

	private ByteArrayOutputStream binary = new ByteArrayOutputStream();

	private WebSocket webSocket;

	static WsClient connect(int port, String pathAndQuery) {
		return connectAsync(port, pathAndQuery).join();
	}

	/** Starts connecting, so that several clients can connect at once. */
	static CompletableFuture<WsClient> connectAsync(int port, String pathAndQuery) {
		return connect(HTTP.newWebSocketBuilder(), "127.0.0.1", port, pathAndQuery);
	}

	/** The HTTP status the server refuses an upgrade with; fails if it accepts it. */
	static int refusal(int port, String pathAndQuery) {
		try {
			WsClient client = connect(port, pathAndQuery);
			client.socket().abort();
			throw new AssertionError("The upgrade to " + pathAndQuery + " was accepted");
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
	}

	/** Connects as a browser showing a page of {@code origin} would. */
	static WsClient connectFrom(String origin, String host, int port, String pathAndQuery) {
		return connect(HTTP.newWebSocketBuilder().header("Origin", origin), host, port, pathAndQuery).join();
	}

	private static CompletableFuture<WsClient> connect(WebSocket.Builder builder, String host, int port,
			String pathAndQuery) {
		WsClient client = new WsClient();
		return builder.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("ws://" + host + ":" + port + pathAndQuery), client)
			.thenApply((webSocket) -> {
				client.webSocket = webSocket;
				return client;
			});
	}

	WebSocket socket() {
		return this.webSocket;
	}

	/** The next whole message, waiting up to ten seconds. */
	Object next() throws InterruptedException {
		Object message = this.messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No message within 10 s");
		}
		return message;
	}

	/** The next whole message, which must be text. */
	String nextText() throws InterruptedException {
		Object message = next();
		if (!(message instanceof String text)) {
			throw new AssertionError("Expected a text message, got " + message.getClass().getSimpleName());
		}
		return text;
	}

	/** Sends a text message and waits until it is handed to the socket. */
	void send(String text) {
		this.webSocket.sendText(text, true).join();
	}

	/** Starts the closing handshake with 1000 and waits for the server's close; returns its code. */
	int close() throws Exception {
		this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
		return awaitClose();
	}

	/** Messages until one equals {@code expected}; fails if it does not come. */
	void awaitMessage(String expected) throws InterruptedException {
		while (!expected.equals(next())) {
			// Skip what came before it, such as join notices.
		}
	}

	int awaitClose() throws Exception {
		return this.closed.get(10, TimeUnit.SECONDS);
	}

	@Override
	public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
		this.text.append(data);
		if (last) {
			this.messages.add(this.text.toString());
			this.text = new StringBuilder();
		}
		ws.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
		byte[] chunk = new byte[data.remaining()];
		data.get(chunk);
		this.binary.writeBytes(chunk);
		if (last) {
			this.messages.add(this.binary.toByteArray());
			this.binary = new ByteArrayOutputStream();
		}
		ws.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket ws, Throwable error) {
		this.closed.completeExceptionally(error);
	}

}
