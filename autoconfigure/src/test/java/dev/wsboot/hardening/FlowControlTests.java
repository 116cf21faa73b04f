package dev.wsboot.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.wsboot.server.WsHandler;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsServerObserver;
import dev.wsboot.server.WsSession;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.Dispatch;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import dev.wsboot.testsupport.UpgradeRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a handler on a worker thread falls behind, the server stops reading from its
 * connection by the bytes waiting for the handler, not by the number of calls, and within
 * the read in progress; and it reads again once the handler caught up, however often that
 * happens.
 */
class FlowControlTests {

	private static final int MESSAGE = 64 * 1024;

	@Test
	void aSlowHandlerMakesTheServerStopReadingAfterAboutAMebibyte() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicLong delivered = new AtomicLong();
		WsServerObserver counting = new WsServerObserver() {

			@Override
			public void onMessageReceived(WsSession session, boolean text, int payloadBytes) {
				delivered.addAndGet(payloadBytes);
			}

		};
		WsHandler blocked = new WsHandler() {

			@Override
			public void onText(WsSession session, String text) {
			}

			@Override
			public void onBinary(WsSession session, byte[] data) {
				try {
					release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		};
		try (TestWsServer server = TestWsServer.start((factory) -> factory.setObserver(counting),
				WsRoute.of("/blocked", blocked)); SocketChannel channel = SocketChannel.open()) {
			channel.connect(new InetSocketAddress(server.server().address().getAddress(), server.port()));
			channel.write(ByteBuffer.wrap(UpgradeRequest.to("/blocked", server.port()).bytes()));
			long written = writeUntilStalled(channel, 256L << 20);
			assertThat(written).as("bytes written before the server stopped reading").isLessThan(64L << 20);
			assertThat(delivered.get()).as("bytes handed to the blocked handler")
				.isGreaterThanOrEqualTo(MESSAGE)
				.isLessThanOrEqualTo(2L << 20);
			release.countDown();
		}
	}

	@Test
	void theServerReadsAgainEveryTimeTheHandlerCatchesUp() {
		int messages = 100_000;
		try (TestWsServer server = TestWsServer.start(); RawWsClient client = server.open(Dispatch.WORKER)) {
			Thread sender = new Thread(() -> {
				for (int i = 0; i < messages; i++) {
					client.send(ClientFrame.text(Integer.toString(i)));
				}
			}, "test-sender");
			sender.start();
			for (int i = 0; i < messages; i++) {
				client.expectText(Integer.toString(i));
			}
		}
	}

	/**
	 * Writes 64 KiB binary frames as fast as the socket takes them, until it stays full for a
	 * second or {@code max} bytes are out.
	 */
	private static long writeUntilStalled(SocketChannel channel, long max) throws IOException {
		channel.configureBlocking(false);
		ByteBuffer frame = ByteBuffer.wrap(ClientFrame.binary(new byte[MESSAGE]).bytes());
		long written = 0;
		try (Selector selector = Selector.open()) {
			channel.register(selector, SelectionKey.OP_WRITE);
			while (written < max) {
				if (!frame.hasRemaining()) {
					frame.rewind();
				}
				int n = channel.write(frame);
				written += n;
				if (n == 0) {
					selector.selectedKeys().clear();
					if (selector.select(1000) == 0) {
						return written;
					}
				}
			}
		}
		return written;
	}

}
