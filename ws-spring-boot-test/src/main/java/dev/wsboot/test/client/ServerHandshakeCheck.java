package dev.wsboot.test.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * RFC 6455 §4.1: what a client checks of the server's {@code 101} before it takes the
 * connection as a WebSocket, so that no test passes on a handshake a real client would
 * refuse. Apart from {@link WsUpgradeSpec}, which builds the request, because these are the
 * server's obligations, each failing the upgrade with the rule it broke.
 */
final class ServerHandshakeCheck {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private ServerHandshakeCheck() {
	}

	/**
	 * Checks an accepted upgrade against the request.
	 * @param key the {@code Sec-WebSocket-Key} sent, or {@code null} when a test left it out
	 * @param offeredSubprotocols the {@code Sec-WebSocket-Protocol} sent, or {@code null}
	 * @throws AssertionError on the first check the answer fails, with the answer
	 */
	static void check(WsUpgradeResponse response, @Nullable String key, @Nullable String offeredSubprotocols) {
		String upgrade = response.header("Upgrade");
		check(upgrade != null && upgrade.equalsIgnoreCase("websocket"), "an Upgrade header other than websocket",
				response);
		String connection = response.header("Connection");
		check(connection != null && Arrays.stream(connection.split(","))
			.anyMatch((token) -> token.trim().equalsIgnoreCase("Upgrade")), "no Upgrade token in Connection", response);
		if (key != null) {
			check(accept(key).equals(response.header("Sec-WebSocket-Accept")),
					"a Sec-WebSocket-Accept that does not match the key " + key, response);
		}
		String chosen = response.subprotocol();
		if (chosen != null) {
			check(offeredSubprotocols != null && Arrays.stream(offeredSubprotocols.split(","))
				.anyMatch((subprotocol) -> subprotocol.trim().equals(chosen)),
					"the subprotocol " + chosen + ", which the client did not offer", response);
		}
	}

	/** RFC 6455 §4.2.2: base64 of the SHA-1 of the key and the protocol's GUID. */
	static String accept(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return Base64.getEncoder()
				.encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-1", ex);
		}
	}

	private static void check(boolean valid, String violation, WsUpgradeResponse response) {
		if (!valid) {
			throw new AssertionError("The server accepted " + response.request() + " with " + violation
					+ " (RFC 6455 §4.1): " + response);
		}
	}

}
