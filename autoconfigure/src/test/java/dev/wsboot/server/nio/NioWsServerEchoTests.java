package dev.wsboot.server.nio;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServer;
import dev.wsboot.server.WsSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NIO server without Spring, talking to the JDK's own WebSocket client on a random port.
 */
class NioWsServerEchoTests {

	private WsServer server;

	private final HttpClient client = HttpClient.newHttpClient();

	@BeforeEach
	void startServer() {
		NioWsServerFactory factory = new NioWsServerFactory();
		factory.setPort(0);
		factory.setLimits(new WebSocketLimits(2 << 20, 2 << 20));
		WsHandler echo = new WsHandler() {
			@Override
			public void onText(WsSession session, String text) {
				session.sendText(text);
			}

			@Override
			public void onBinary(WsSession session, byte[] data) {
				session.sendBinary(data);
			}
		};
		this.server = factory.create(List.of(WsRoute.of("/echo", echo), new WsRoute("/inline", echo, List.of(), true)));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void echoesTextOnAWorkerThread() throws Exception {
		Recorder recorder = new Recorder();
		WebSocket ws = connect("/echo", recorder);
		ws.sendText("Hello", true).join();
		assertThat(recorder.next()).isEqualTo("Hello");
		ws.sendClose(1000, "bye").join();
		assertThat(recorder.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
	}

	@Test
	void echoesTextInlineOnTheIoThread() throws Exception {
		Recorder recorder = new Recorder();
		WebSocket ws = connect("/inline", recorder);
		for (int i = 0; i < 100; i++) {
			ws.sendText("m" + i, true).join();
		}
		for (int i = 0; i < 100; i++) {
			assertThat(recorder.next()).isEqualTo("m" + i);
		}
	}

	@Test
	void echoesAOneMebibyteBinaryMessage() throws Exception {
		Recorder recorder = new Recorder();
		WebSocket ws = connect("/echo", recorder);
		byte[] data = new byte[1 << 20];
		new Random(42).nextBytes(data);
		ws.sendBinary(ByteBuffer.wrap(data), true).join();
		assertThat((byte[]) recorder.next()).isEqualTo(data);
	}

	@Test
	void reassemblesAFragmentedTextMessage() throws Exception {
		Recorder recorder = new Recorder();
		WebSocket ws = connect("/echo", recorder);
		ws.sendText("Hel", false).join();
		ws.sendText("lo, wörld", true).join();
		assertThat(recorder.next()).isEqualTo("Hello, wörld");
	}

	@Test
	void answersAPingWithAPong() throws Exception {
		Recorder recorder = new Recorder();
		WebSocket ws = connect("/echo", recorder);
		ws.sendPing(ByteBuffer.wrap(new byte[] { 1, 2, 3 })).join();
		assertThat(recorder.pong.get(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
	}

	private WebSocket connect(String path, Recorder recorder) {
		return this.client.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create("ws://127.0.0.1:" + this.server.port() + path), recorder)
			.join();
	}

	static final class Recorder implements WebSocket.Listener {

		final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();

		final CompletableFuture<Integer> closed = new CompletableFuture<>();

		final CompletableFuture<byte[]> pong = new CompletableFuture<>();

		private StringBuilder text = new StringBuilder();

		private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

		Object next() throws InterruptedException {
			Object message = this.messages.poll(10, TimeUnit.SECONDS);
			assertThat(message).as("message within 10 s").isNotNull();
			return message;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.text.append(data);
			if (last) {
				this.messages.add(this.text.toString());
				this.text = new StringBuilder();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] chunk = new byte[data.remaining()];
			data.get(chunk);
			this.binary.writeBytes(chunk);
			if (last) {
				this.messages.add(this.binary.toByteArray());
				this.binary = new java.io.ByteArrayOutputStream();
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			byte[] bytes = new byte[message.remaining()];
			message.get(bytes);
			this.pong.complete(bytes);
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

	}

}
