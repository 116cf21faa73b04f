package dev.wsboot.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Sec-WebSocket-Key} / {@code Sec-WebSocket-Accept} pair of RFC 6455 §1.3 and
 * §4.2.2, by which a server proves it read the client's upgrade request.
 */
public final class AcceptKey {

	/** RFC 6455 §1.3: the GUID appended to the client's key before hashing. */
	private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

	/** Base64 of 16 bytes: 22 characters of data and two of padding. */
	private static final int ENCODED_KEY_LENGTH = 24;

	/**
	 * One SHA-1 digest per thread, reused: handshakes are answered on the server's few I/O
	 * threads, and a fresh or cloned digest per handshake is garbage that shows up in the
	 * server's memory when thousands of clients connect at once.
	 */
	private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(AcceptKey::newSha1);

	private AcceptKey() {
	}

	/**
	 * Returns {@code Sec-WebSocket-Accept} for a key: the base64 of the SHA-1 of the key
	 * followed by the RFC 6455 GUID.
	 */
	public static String compute(String secWebSocketKey) {
		MessageDigest sha1 = sha1();
		sha1.update(secWebSocketKey.getBytes(StandardCharsets.ISO_8859_1));
		sha1.update(GUID);
		return Base64.getEncoder().encodeToString(sha1.digest());
	}

	/**
	 * Whether {@code key} is a valid {@code Sec-WebSocket-Key}: RFC 6455 §4.2.1 item 5 has it
	 * be "a base64-encoded value that, when decoded, is 16 bytes in length".
	 */
	public static boolean isValidKey(@Nullable String key) {
		// The length test also rules out unpadded base64, which RFC 4648 §4 does not allow.
		if (key == null || key.length() != ENCODED_KEY_LENGTH) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static MessageDigest sha1() {
		MessageDigest digest = SHA1.get();
		digest.reset();
		return digest;
	}

	private static MessageDigest newSha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-1 (MessageDigest's Javadoc).
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

}
