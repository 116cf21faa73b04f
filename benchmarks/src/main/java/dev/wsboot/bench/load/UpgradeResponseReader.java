package dev.wsboot.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the server's answer to the upgrade request, however it is sliced, and checks that it
 * accepts this connection (RFC 6455 §4.1, the client's checks of the server's response).
 */
final class UpgradeResponseReader {

	private static final int MAX_HEADER_BYTES = 8192;

	private final String expectedAccept;

	private byte[] bytes = new byte[256];

	private int fill;

	UpgradeResponseReader(String expectedAccept) {
		this.expectedAccept = expectedAccept;
	}

	/**
	 * Consumes header bytes from {@code in}. Returns {@code true} once the whole header has been
	 * read and accepted; bytes after it (the first frames) are left in {@code in}.
	 */
	boolean feed(ByteBuffer in) throws ConnectionFailure {
		while (in.hasRemaining()) {
			if (this.fill == this.bytes.length) {
				if (this.fill >= MAX_HEADER_BYTES) {
					throw new ConnectionFailure(Errors.HANDSHAKE_INVALID, "response header over " + MAX_HEADER_BYTES + " bytes");
				}
				this.bytes = Arrays.copyOf(this.bytes, this.fill * 2);
			}
			this.bytes[this.fill++] = in.get();
			if (endsWithBlankLine()) {
				check(new String(this.bytes, 0, this.fill - 4, StandardCharsets.ISO_8859_1));
				return true;
			}
		}
		return false;
	}

	private boolean endsWithBlankLine() {
		int n = this.fill;
		return n >= 4 && this.bytes[n - 1] == '\n' && this.bytes[n - 2] == '\r' && this.bytes[n - 3] == '\n'
				&& this.bytes[n - 4] == '\r';
	}

	private void check(String header) throws ConnectionFailure {
		String[] lines = header.split("\r\n");
		String[] status = lines[0].split(" ", 3);
		if (status.length < 2 || !status[0].equals("HTTP/1.1")) {
			throw new ConnectionFailure(Errors.HANDSHAKE_INVALID, "bad status line: " + lines[0]);
		}
		if (!status[1].equals("101")) {
			throw new ConnectionFailure(Errors.HANDSHAKE_REJECTED, "server answered " + lines[0]);
		}
		Map<String, String> fields = new HashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				throw new ConnectionFailure(Errors.HANDSHAKE_INVALID, "bad header line: " + lines[i]);
			}
			String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
			fields.merge(name, lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
		}
		require("websocket".equalsIgnoreCase(fields.get("upgrade")), "Upgrade is " + fields.get("upgrade"));
		require(hasToken(fields.get("connection"), "upgrade"), "Connection is " + fields.get("connection"));
		require(this.expectedAccept.equals(fields.get("sec-websocket-accept")),
				"Sec-WebSocket-Accept is " + fields.get("sec-websocket-accept") + ", expected " + this.expectedAccept);
		// We offered no extension and no subprotocol, so the server must not select one.
		require(!fields.containsKey("sec-websocket-extensions"), "unrequested extension " + fields.get("sec-websocket-extensions"));
		require(!fields.containsKey("sec-websocket-protocol"), "unrequested subprotocol " + fields.get("sec-websocket-protocol"));
	}

	private static boolean hasToken(String value, String token) {
		if (value == null) {
			return false;
		}
		for (String part : value.split(",")) {
			if (part.trim().equalsIgnoreCase(token)) {
				return true;
			}
		}
		return false;
	}

	private static void require(boolean condition, String problem) throws ConnectionFailure {
		if (!condition) {
			throw new ConnectionFailure(Errors.HANDSHAKE_INVALID, problem);
		}
	}
}
