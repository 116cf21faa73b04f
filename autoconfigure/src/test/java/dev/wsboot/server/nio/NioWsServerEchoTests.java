package dev.wsboot.server.nio;

import java.nio.ByteBuffer;
import java.util.Random;

import dev.wsboot.protocol.WebSocketLimits;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.JdkWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NIO server without Spring, talking to the JDK's own WebSocket client on a random port.
 */
class NioWsServerEchoTests {

	private TestWsServer server;

	@BeforeEach
	void startServer() {
		this.server = TestWsServer.start((factory) -> factory.setLimits(new WebSocketLimits(2 << 20, 2 << 20)));
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void echoesTextOnAWorkerThread() throws Exception {
		JdkWsClient client = connect(Dispatch.WORKER);
		client.sendText("Hello");
		assertThat(client.nextText()).isEqualTo("Hello");
		assertThat(client.close(1000, "bye")).isEqualTo(1000);
	}

	@Test
	void echoesTextInlineOnTheIoThread() throws Exception {
		JdkWsClient client = connect(Dispatch.INLINE);
		for (int i = 0; i < 100; i++) {
			client.sendText("m" + i);
		}
		for (int i = 0; i < 100; i++) {
			assertThat(client.nextText()).isEqualTo("m" + i);
		}
	}

	@Test
	void echoesAOneMebibyteBinaryMessage() throws Exception {
		JdkWsClient client = connect(Dispatch.WORKER);
		byte[] data = new byte[1 << 20];
		new Random(42).nextBytes(data);
		client.sendBinary(data);
		assertThat(client.nextBinary()).isEqualTo(data);
	}

	@Test
	void reassemblesAFragmentedTextMessage() throws Exception {
		JdkWsClient client = connect(Dispatch.WORKER);
		client.webSocket().sendText("Hel", false).join();
		client.webSocket().sendText("lo, wörld", true).join();
		assertThat(client.nextText()).isEqualTo("Hello, wörld");
	}

	@Test
	void answersAPingWithAPong() throws Exception {
		JdkWsClient client = connect(Dispatch.WORKER);
		client.webSocket().sendPing(ByteBuffer.wrap(new byte[] { 1, 2, 3 })).join();
		assertThat(client.nextPong()).containsExactly(1, 2, 3);
	}

	private JdkWsClient connect(Dispatch dispatch) throws Exception {
		return JdkWsClient.connect(this.server.port(), dispatch.path());
	}

}
