package dev.wsboot.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.wsboot.protocol.CloseCodes;
import dev.wsboot.protocol.Opcode;
import dev.wsboot.server.WsRoute;
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
			void run(RawClient client) {
				client.assertEchoes("hi");
				client.sendClose(CloseCodes.NORMAL);
				assertThat(client.readClose().code()).isEqualTo(CloseCodes.NORMAL);
				client.readUntilEnd();
			}
		},
		PROTOCOL_ERROR {
			@Override
			void run(RawClient client) {
				client.send(new byte[] { (byte) 0x81, 0x02, 'h', 'i' }); // unmasked (RFC 6455 §5.1)
				assertThat(client.readClose().code()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
				client.readUntilEnd();
			}
		},
		HANDLER_EXCEPTION {
			@Override
			void run(RawClient client) {
				client.sendText(CountingHandler.BOOM);
				assertThat(client.readClose().code()).isEqualTo(CloseCodes.INTERNAL_ERROR);
				client.sendClose(CloseCodes.INTERNAL_ERROR);
				client.readUntilEnd();
			}
		},
		RESET_BY_PEER {
			@Override
			void run(RawClient client) {
				client.assertEchoes("hi");
				client.reset();
			}
		},
		RESET_INSIDE_A_FRAME {
			@Override
			void run(RawClient client) {
				client.send(RawClient.header(true, Opcode.TEXT, 100));
				client.send(new byte[10]);
				client.reset();
			}
		},
		PEER_LEAVES_WITHOUT_CLOSE_FRAME {
			@Override
			void run(RawClient client) {
				client.assertEchoes("hi");
				client.close();
			}
		},
		HANDSHAKE_REFUSED(false) {
			@Override
			void run(RawClient client) {
				client.send(RawClient.upgradeRequest("/nowhere"));
				assertThat(new String(client.readUntilEnd(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 404 ");
			}
		},
		HANDSHAKE_MALFORMED(false) {
			@Override
			void run(RawClient client) {
				client.send("GET /echo HTTP/1.1\r\n Folded: no\r\n\r\n");
				assertThat(new String(client.readUntilEnd(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400 ");
			}
		},
		HANDSHAKE_TIMEOUT(false) {
			@Override
			void run(RawClient client) {
				client.send("GET /echo HTTP/1.1\r\nHost:");
				assertThat(new String(client.readUntilEnd(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 408 ");
			}
		},
		RESET_DURING_HANDSHAKE(false) {
			@Override
			void run(RawClient client) {
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

		abstract void run(RawClient client);

	}

	@ParameterizedTest
	@EnumSource
	void connectionEndingIsForgotten(Ending ending) {
		CountingHandler handler = new CountingHandler();
		try (TestServer server = start(handler); RawClient good = RawClient.open(server.port(), "/counting")) {
			for (int i = 0; i < CONNECTIONS; i++) {
				try (RawClient client = ending.upgrades ? RawClient.open(server.port(), "/counting")
						: RawClient.connect(server.port())) {
					ending.run(client);
				}
			}
			server.awaitOpen(1);
			TestServer.eventually().until(() -> handler.closed() == handler.opened() - 1);
			good.assertEchoes("served after " + CONNECTIONS + " times " + ending);
			assertThat(handler.opened()).isEqualTo(ending.upgrades ? CONNECTIONS + 1 : 1);
			if (ending == Ending.HANDLER_EXCEPTION) {
				assertThat(handler.errors).containsExactlyElementsOf(handler.thrown);
			}
			else {
				assertThat(handler.errors).isEmpty();
			}
			good.sendClose(CloseCodes.NORMAL);
			good.readClose();
			good.readUntilEnd();
			good.close();
			server.awaitNothingOpen();
			TestServer.eventually().until(() -> handler.closed() == handler.opened());
			server.close();
			handler.assertEachClosedOnce();
		}
	}

	@Test
	void serverStopClosesEverySessionOnce() {
		CountingHandler handler = new CountingHandler();
		TestServer server = start(handler);
		List<RawClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				clients.add(RawClient.open(server.port(), "/counting"));
			}
			RawClient handshaking = RawClient.connect(server.port());
			handshaking.send("GET /counting HTTP/1.1\r\n");
			clients.add(handshaking);
			clients.get(0).assertEchoes("before the stop");
			TestServer.eventually().until(() -> server.server().connectionCount() == CONNECTIONS + 1);

			// Each client answers the server's close, as a browser does, while the server stops.
			List<CompletableFuture<Integer>> answered = clients.subList(0, CONNECTIONS)
				.stream()
				.map((client) -> CompletableFuture.supplyAsync(() -> {
					int code = client.readClose().code();
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
			TestServer.eventually().until(() -> handler.closed() == CONNECTIONS);
			handler.assertEachClosedOnce();
			assertThat(handler.closeCodes).containsOnly(CloseCodes.GOING_AWAY);
		}
		finally {
			clients.forEach(RawClient::close);
			server.close();
		}
	}

	private static TestServer start(CountingHandler handler) {
		return TestServer.start((factory) -> {
			factory.setHandshakeTimeout(Duration.ofMillis(300));
			factory.setCloseTimeout(Duration.ofMillis(500));
		}, WsRoute.of("/counting", handler));
	}

}
