package dev.wsboot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RawWsClient}: against a scripted peer, that each wait ends in a failure
 * saying what arrived instead; against {@link TestWsServer}, that a conversation works from
 * many threads at once.
 */
class RawWsClientTests {

	private static final Duration SHORT = Duration.ofMillis(200);

	private ServerSocket listener;

	private final ExecutorService peer = Executors.newSingleThreadExecutor();

	@BeforeEach
	void listen() throws IOException {
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
	}

	@AfterEach
	void stop() throws IOException {
		this.peer.shutdownNow();
		this.listener.close();
	}

	@Test
	void readsAResponseHeadAndBody() {
		peer((in, out) -> out.write(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nX-A: 1\r\nx-a: 2\r\n\r\nNot found")));
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			HttpResponse response = client.readHttpResponse();
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.header("x-A")).isEqualTo("1");
			assertThat(response.headers().get("x-a")).containsExactly("1", "2");
			assertThat(response.bodyText()).isEqualTo("Not found");
		}
	}

	@Test
	void failsAHeadThatStopsShortSayingWhatCame() {
		CountDownLatch done = new CountDownLatch(1);
		peer((in, out) -> {
			out.write(ascii("HTTP/1.1 101 Switching"));
			await(done);
		});
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort()).timeout(SHORT)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::readHttpHead)
				.withMessage("Expected an HTTP response head, but the server sent only \"HTTP/1.1 101 Switching\" "
						+ "within 200 ms");
		}
		done.countDown();
	}

	@Test
	void failsAFrameThatNeverComes() {
		CountDownLatch done = new CountDownLatch(1);
		peer((in, out) -> await(done));
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort()).timeout(SHORT)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::readFrame)
				.withMessage("Expected a frame, but the server sent nothing within 200 ms");
		}
		done.countDown();
	}

	@Test
	void expectsNoFrameWhileThePeerIsQuietThenReadsWhatFollows() {
		CountDownLatch checked = new CountDownLatch(1);
		peer((in, out) -> {
			await(checked);
			out.write(ClientFrame.text("late").unmasked().bytes());
		});
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			client.expectNoFrameWithin(SHORT);
			checked.countDown();
			client.expectText("late");
		}
	}

	@Test
	void failsExpectNoFrameWhenAFrameArrivesSayingWhichOne() {
		peer((in, out) -> out.write(ClientFrame.ping("are you there").unmasked().bytes()));
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expectNoFrameWithin(SHORT))
				.withMessage("Expected nothing from the server for 200 ms, but it sent "
						+ "ServerFrame[ping, 13 bytes \"are you there\"]");
		}
	}

	@Test
	void failsExpectNoFrameWhenThePeerCloses() {
		peer((in, out) -> {
		});
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expectNoFrameWithin(SHORT))
				.withMessage("Expected nothing from the server for 200 ms, but it closed the connection");
		}
	}

	@Test
	void failsExpectEofSayingWhatCameInstead() {
		peer((in, out) -> out.write(ClientFrame.close(1000).unmasked().bytes()));
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(client::expectEof)
				.withMessage("Expected the server to close the connection, but it sent more: [88 02 03 e8]");
		}
	}

	@Test
	void failsExpectCloseOnAnotherFrameSayingWhichOne() {
		peer((in, out) -> out.write(ClientFrame.text("not yet").unmasked().bytes()));
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.expectClose(1000))
				.withMessageContaining("expected a close frame with 1000 but got ServerFrame[text, 7 bytes \"not yet\"]");
		}
	}

	@Test
	void sendsBytesInThePiecesAskedAndHalfCloses() throws Exception {
		Future<byte[]> received = peerReturning((in, out) -> in.readAllBytes());
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			client.sendSplitAt(ascii("GET / HTTP/1.1\r\n"), 3, 5);
			client.sendChunked(ClientFrame.binary(new byte[] { 1, 2, 3 }), 2);
			client.shutdownOutput();
			assertThat(HexFormat.ofDelimiter(" ").formatHex(received.get(5, TimeUnit.SECONDS)))
				.isEqualTo(HexFormat.ofDelimiter(" ").formatHex(ascii("GET / HTTP/1.1\r\n")) + " "
						+ "82 83 37 fa 21 3d 36 f8 22");
			client.expectEof();
		}
	}

	@Test
	void readsUntilTheEndOfAnHttpRefusal() {
		peer((in, out) -> out.write(ascii("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\n\r\n")));
		try (RawWsClient client = RawWsClient.connect(this.listener.getLocalPort())) {
			assertThat(client.readUntilEndAsText()).startsWith("HTTP/1.1 503 ").contains("\r\nRetry-After: 1");
		}
	}

	@ParameterizedTest
	@EnumSource(Dispatch.class)
	void talksToTheTestServerFromManyThreadsAtOnce(Dispatch dispatch) throws Exception {
		try (TestWsServer server = TestWsServer.start()) {
			List<CompletableFuture<Void>> conversations = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String name = "client " + i;
				conversations.add(CompletableFuture.runAsync(() -> {
					try (RawWsClient client = server.open(dispatch)) {
						for (int message = 0; message < 20; message++) {
							client.assertEchoes(name + " message " + message);
						}
						client.sendFragmented(name + " in fragments of four bytes", 4);
						client.expectText(name + " in fragments of four bytes");
						client.sendPing(new byte[] { 1 });
						client.expectPong(new byte[] { 1 });
						client.sendClose(1000, "done");
						client.expectCloseThenEof(1000);
					}
				}));
			}
			CompletableFuture.allOf(conversations.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			server.awaitNothingOpen();
		}
	}

	/** What the scripted peer does with the one connection it accepts. */
	@FunctionalInterface
	private interface Script<T> {

		T run(InputStream in, OutputStream out) throws Exception;

	}

	@FunctionalInterface
	private interface VoidScript {

		void run(InputStream in, OutputStream out) throws Exception;

	}

	private void peer(VoidScript script) {
		peerReturning((in, out) -> {
			script.run(in, out);
			return null;
		});
	}

	private <T> Future<T> peerReturning(Script<T> script) {
		return this.peer.submit(() -> {
			try (Socket socket = this.listener.accept()) {
				return script.run(socket.getInputStream(), socket.getOutputStream());
			}
		});
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(10, TimeUnit.SECONDS)).as("the test went on").isTrue();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
