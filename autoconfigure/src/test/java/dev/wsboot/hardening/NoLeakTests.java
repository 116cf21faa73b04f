package dev.wsboot.hardening;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.server.WsRoute;
import dev.wsboot.testsupport.ClientFrame;
import dev.wsboot.testsupport.RawWsClient;
import dev.wsboot.testsupport.TestWsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However a connection ends, the server forgets it: {@code onClose} exactly once per
 * {@code onOpen}, no session left in the registry and no TCP connection counted.
 */
class NoLeakTests {

	private static final int CONNECTIONS = 3;

	enum Ending {

		CLEAN_CLOSE {
			@Override
			void run(RawWsClient client) {
				client.assertEchoes("hi");
				client.sendClose(CloseCodes.NORMAL);
				client.expectClose(CloseCodes.NORMAL);
				client.readUntilEnd();
			}
		},
		PROTOCOL_ERROR {
			@Override
			void run(RawWsClient client) {
				client.send(new byte[] { (byte) 0x81, 0x02, 'h', 'i' }); // unmasked (RFC 6455 §5.1)
				client.expectClose(CloseCodes.PROTOCOL_ERROR);
				client.readUntilEnd();
			}
		},
		HANDLER_EXCEPTION {
			@Override
			void run(RawWsClient client) {
				client.sendText(CountingHandler.BOOM);
				client.expectClose(CloseCodes.INTERNAL_ERROR);
				client.sendClose(CloseCodes.INTERNAL_ERROR);
				client.readUntilEnd();
			}
		},
		RESET_BY_PEER {
			@Override
			void run(RawWsClient client) {
				client.assertEchoes("hi");
				client.reset();
			}
		},
		RESET_INSIDE_A_FRAME {
			@Override
			void run(RawWsClient client) {
				client.send(ClientFrame.text(new byte[0]).declaredLength(100));
				client.send(new byte[10]);
				client.reset();
			}
		},
		PEER_LEAVES_WITHOUT_CLOSE_FRAME {
			@Override
			void run(RawWsClient client) {
				client.assertEchoes("hi");
				client.close();
			}
		},
		HANDSHAKE_REFUSED(false) {
			@Override
			void run(RawWsClient client) {
				client.sendUpgradeRequest("/nowhere");
				assertThat(client.readUntilEndAsText()).startsWith("HTTP/1.1 404 ");
			}
		},
		HANDSHAKE_MALFORMED(false) {
			@Override
			void run(RawWsClient client) {
				client.send("GET /echo HTTP/1.1\r\n Folded: no\r\n\r\n");
				assertThat(client.readUntilEndAsText()).startsWith("HTTP/1.1 400 ");
			}
		},
		HANDSHAKE_TIMEOUT(false) {
			@Override
			void run(RawWsClient client) {
				client.send("GET /echo HTTP/1.1\r\nHost:");
				assertThat(client.readUntilEndAsText()).startsWith("HTTP/1.1 408 ");
			}
		},
		RESET_DURING_HANDSHAKE(false) {
			@Override
			void run(RawWsClient client) {
				client.send("GET /echo HTTP/1.1\r\nHost:");
				client.reset();
			}
		};

		final boolean upgrades;

		Ending() {
			this(true);
		}

		Ending(boolean upgrades) {
			this.upgrades = upgrades;
		}

		abstract void run(RawWsClient client);

	}

	@ParameterizedTest
	@EnumSource
	void connectionEndingIsForgotten(Ending ending) {
		CountingHandler handler = new CountingHandler();
		try (TestWsServer server = start(handler); RawWsClient good = RawWsClient.open(server.port(), "/counting")) {
			for (int i = 0; i < CONNECTIONS; i++) {
				try (RawWsClient client = ending.upgrades ? RawWsClient.open(server.port(), "/counting")
						: RawWsClient.connect(server.port())) {
					ending.run(client);
				}
			}
			server.awaitOpen(1);
			// Handler calls may run on workers: onOpen of the last sessions may still be on its way.
			int expectedOpens = ending.upgrades ? CONNECTIONS + 1 : 1;
			TestWsServer.eventually()
				.until(() -> handler.opened() == expectedOpens && handler.closed() == expectedOpens - 1);
			good.assertEchoes("served after " + CONNECTIONS + " times " + ending);
			assertThat(handler.opened()).isEqualTo(expectedOpens);
			if (ending == Ending.HANDLER_EXCEPTION) {
				assertThat(handler.errors).containsExactlyElementsOf(handler.thrown);
			}
			else {
				assertThat(handler.errors).isEmpty();
			}
			good.sendClose(CloseCodes.NORMAL);
			good.expectClose(CloseCodes.NORMAL);
			good.readUntilEnd();
			good.close();
			server.awaitNothingOpen();
			TestWsServer.eventually().until(() -> handler.closed() == handler.opened());
			server.close();
			handler.assertEachClosedOnce();
		}
	}

	@Test
	void serverStopClosesEverySessionOnce() {
		CountingHandler handler = new CountingHandler();
		TestWsServer server = start(handler);
		List<RawWsClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				clients.add(RawWsClient.open(server.port(), "/counting"));
			}
			RawWsClient handshaking = RawWsClient.connect(server.port());
			handshaking.send("GET /counting HTTP/1.1\r\n");
			clients.add(handshaking);
			clients.get(0).assertEchoes("before the stop");
			TestWsServer.eventually().until(() -> server.server().connectionCount() == CONNECTIONS + 1);

			// Each client answers the server's close, as a browser does, while the server stops.
			List<CompletableFuture<Integer>> answered = clients.subList(0, CONNECTIONS)
				.stream()
				.map((client) -> CompletableFuture.supplyAsync(() -> {
					int code = client.readFrame().closeCode();
					client.sendClose(code);
					return code;
				}))
				.toList();

			server.close();

			for (CompletableFuture<Integer> code : answered) {
				assertThat(code.join()).isEqualTo(CloseCodes.GOING_AWAY);
			}
			assertThat(server.server().sessions().count()).isZero();
			assertThat(server.server().connectionCount()).isZero();
			assertThat(handler.opened()).isEqualTo(CONNECTIONS);
			TestWsServer.eventually().until(() -> handler.closed() == CONNECTIONS);
			handler.assertEachClosedOnce();
			assertThat(handler.closeCodes).containsOnly(CloseCodes.GOING_AWAY);
		}
		finally {
			clients.forEach(RawWsClient::close);
			server.close();
		}
	}

	private static TestWsServer start(CountingHandler handler) {
		return TestWsServer.start((factory) -> {
			factory.setHandshakeTimeout(Duration.ofMillis(300));
			factory.setCloseTimeout(Duration.ofMillis(500));
		}, WsRoute.of("/counting", handler));
	}

}
