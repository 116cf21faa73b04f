package dev.wsboot.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An opening handshake request (RFC 6455 §4.1), valid until a test changes it: a GET with
 * {@code Host}, {@code Upgrade}, {@code Connection}, a random {@code Sec-WebSocket-Key} and
 * version 13. Header names keep their case; setting one replaces it.
 */
public final class UpgradeRequest {

	/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private String method = "GET";

	private final String path;

	private final String key;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private UpgradeRequest(String path, int port) {
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		this.path = path;
		this.key = Base64.getEncoder().encodeToString(nonce);
		this.headers.put("Host", "127.0.0.1:" + port);
		this.headers.put("Upgrade", "websocket");
		this.headers.put("Connection", "Upgrade");
		this.headers.put("Sec-WebSocket-Key", this.key);
		this.headers.put("Sec-WebSocket-Version", "13");
	}

	/** A valid upgrade request for {@code path} (with any query) on the local server at {@code port}. */
	public static UpgradeRequest to(String path, int port) {
		return new UpgradeRequest(path, port);
	}

	public UpgradeRequest method(String method) {
		this.method = method;
		return this;
	}

	/** Sets a header, replacing one of the same name. */
	public UpgradeRequest header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	public UpgradeRequest without(String name) {
		this.headers.remove(name);
		return this;
	}

	/**
	 * The {@code Sec-WebSocket-Accept} the server must answer with (RFC 6455 §4.2.2): base64
	 * of the SHA-1 of the key and the protocol's GUID.
	 */
	public String expectedAccept() {
		try {
			byte[] sha1 = MessageDigest.getInstance("SHA-1")
				.digest((this.key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(sha1);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request head as sent: request line, header lines and the blank line. */
	public byte[] bytes() {
		StringBuilder head = new StringBuilder(this.method).append(' ').append(this.path).append(" HTTP/1.1\r\n");
		this.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

}
