package dev.wsboot.demo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletionException;

import dev.wsboot.context.LocalWsServerPort;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The demo as a user runs it: the real application on random ports, spoken to by the JDK's
 * WebSocket client and by raw sockets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "ws.port=0")
class DemoApplicationTests {

	@LocalWsServerPort
	int wsPort;

	@LocalServerPort
	int httpPort;

	@Test
	void echoesTextAsText() throws Exception {
		WsClient client = WsClient.connect(this.wsPort, "/echo");
		client.socket().sendText("Hello, wsboot", true).join();
		assertThat(client.next()).isEqualTo("Hello, wsboot");
	}

	@Test
	void echoesBinaryAsBinary() throws Exception {
		WsClient client = WsClient.connect(this.wsPort, "/echo");
		byte[] data = new byte[1 << 20];
		new Random(7).nextBytes(data);
		client.socket().sendBinary(ByteBuffer.wrap(data), true).join();
		assertThat((byte[]) client.next()).isEqualTo(data);
	}

	@Test
	void chatDeliversEveryMessageToEveryParticipantWithTheSendersName() throws Exception {
		WsClient alice = WsClient.connect(this.wsPort, "/ws?name=Alice");
		alice.awaitMessage("* Alice joined");
		WsClient bob = WsClient.connect(this.wsPort, "/ws?name=Bob");
		bob.awaitMessage("* Bob joined");
		alice.awaitMessage("* Bob joined");
		bob.socket().sendText("hi Alice", true).join();
		alice.awaitMessage("Bob: hi Alice");
		bob.awaitMessage("Bob: hi Alice");
		bob.socket().sendClose(1000, "").join();
		assertThat(bob.awaitClose()).isEqualTo(1000);
		alice.awaitMessage("* Bob left");
	}

	@Test
	void servesTheChatPageAndTellsItWhereTheWebSocketServerIs() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.body()).contains("wsboot chat");
		HttpResponse<String> info = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/ws-info")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(info.body()).contains("\"port\":" + this.wsPort).contains("\"path\":\"/ws\"");
	}

	@Test
	void letsTheChatPageConnectFromTheApplicationsHttpPort() throws Exception {
		// The page on http://localhost:<http port> connects to ws://localhost:<ws port>.
		WsClient page = WsClient.connectFrom("http://localhost:" + this.httpPort, "localhost", this.wsPort,
				"/ws?name=Page");
		page.awaitMessage("* Page joined");
		page.socket().sendClose(1000, "").join();
		assertThat(page.awaitClose()).isEqualTo(1000);
	}

	@Test
	void refusesAPageOfAnotherSite() {
		assertThatExceptionOfType(CompletionException.class)
			.isThrownBy(() -> WsClient.connectFrom("https://evil.example", "localhost", this.wsPort, "/ws?name=Evil"))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
	}

	@Test
	void answersAPlainBrowserGetWithAnInformativeUpgradeRequired() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.wsPort)) {
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /ws HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(response).startsWith("HTTP/1.1 426 ").contains("WebSocket");
		}
	}

}
