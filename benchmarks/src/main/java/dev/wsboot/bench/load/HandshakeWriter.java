package dev.wsboot.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * Writes the client's opening handshake (RFC 6455 §4.1) with a fresh random
 * {@code Sec-WebSocket-Key}, and computes the {@code Sec-WebSocket-Accept} the server must send back.
 */
final class HandshakeWriter {

	/** The GUID that RFC 6455 §1.3 appends to the key before hashing. */
	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final byte[] beforeKey;

	private final byte[] afterKey;

	HandshakeWriter(String host, int port, String path) {
		String head = "GET " + path + " HTTP/1.1\r\n"
				+ "Host: " + host + ":" + port + "\r\n"
				+ "Upgrade: websocket\r\n"
				+ "Connection: Upgrade\r\n"
				+ "Sec-WebSocket-Version: 13\r\n"
				+ "Sec-WebSocket-Key: ";
		this.beforeKey = head.getBytes(StandardCharsets.US_ASCII);
		this.afterKey = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
	}

	/** Upper bound of the bytes {@link #write} puts into its buffer. */
	int maxLength() {
		return this.beforeKey.length + 24 + this.afterKey.length;
	}

	/** Writes one request and returns the key it carries. */
	String write(ByteBuffer out, RandomGenerator random) {
		// §4.1: the key is a randomly selected 16-byte value, base64-encoded (24 characters).
		byte[] nonce = new byte[16];
		random.nextBytes(nonce);
		String key = Base64.getEncoder().encodeToString(nonce);
		out.put(this.beforeKey).put(key.getBytes(StandardCharsets.US_ASCII)).put(this.afterKey);
		return key;
	}

	/** base64(SHA-1(key + GUID)), per §4.2.2. */
	static String expectedAccept(String key, MessageDigest sha1) {
		sha1.reset();
		byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
		return Base64.getEncoder().encodeToString(digest);
	}
}
