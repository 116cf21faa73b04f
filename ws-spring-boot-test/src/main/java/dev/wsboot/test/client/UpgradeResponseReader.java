package dev.wsboot.test.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's answer to an upgrade request: the head, byte by byte so that nothing
 * after it is taken from the frames that follow a 101, then the body of a refusal. Fails
 * with what had arrived when the answer stops short or is not HTTP.
 */
final class UpgradeResponseReader {

	/** More than any head the server sends; a longer one is not an answer to us. */
	private static final int MAX_HEAD = 16 * 1024;

	/** More than any refusal body the server sends. */
	private static final int MAX_BODY = 64 * 1024;

	private final InputStream in;

	private final String request;

	private final Duration timeout;

	UpgradeResponseReader(InputStream in, String request, Duration timeout) {
		this.in = in;
		this.request = request;
		this.timeout = timeout;
	}

	/** Reads the head and, unless it is a 101, the body. */
	WsUpgradeResponse read() throws IOException {
		String head = readHead();
		String[] lines = head.split("\r\n");
		String[] statusLine = lines[0].split(" ", 3);
		if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !isNumber(statusLine[1])) {
			throw new AssertionError("Expected an HTTP answer to " + this.request + ", but the server sent \""
					+ head + "\"");
		}
		int status = Integer.parseInt(statusLine[1]);
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon <= 0) {
				throw new AssertionError("Expected header lines in the answer to " + this.request
						+ ", but the server sent \"" + lines[i] + "\" in \"" + head + "\"");
			}
			headers.add(new AbstractMap.SimpleImmutableEntry<>(lines[i].substring(0, colon).trim(),
					lines[i].substring(colon + 1).trim()));
		}
		String reason = (statusLine.length > 2) ? statusLine[2] : "";
		WsUpgradeResponse headOnly = new WsUpgradeResponse(this.request, status, reason, headers, "");
		if (status == 101) {
			return headOnly;
		}
		return new WsUpgradeResponse(this.request, status, reason, headers, readBody(headOnly));
	}

	private String readHead() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream(256);
		int matched = 0;
		while (matched < 4) {
			int b;
			try {
				b = this.in.read();
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError(stoppedShort(head, "sent no more within " + this.timeout.toMillis() + " ms"),
						ex);
			}
			if (b < 0) {
				throw new AssertionError(stoppedShort(head, "closed the connection"));
			}
			head.write(b);
			matched = (b == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((b == '\r') ? 1 : 0);
			if (head.size() > MAX_HEAD) {
				throw new AssertionError("Expected an HTTP answer to " + this.request + ", but the server sent more"
						+ " than " + MAX_HEAD + " bytes without ending a head: \"" + latin1(head) + "\"");
			}
		}
		String text = latin1(head);
		return text.substring(0, text.length() - 4);
	}

	private String stoppedShort(ByteArrayOutputStream head, String what) {
		return "Expected an answer to " + this.request + ", but the server " + what
				+ ((head.size() == 0) ? " before sending anything" : " after \"" + latin1(head) + "\"");
	}

	/** The body of a refusal: {@code Content-Length} bytes, or what comes until the server closes. */
	private String readBody(WsUpgradeResponse head) throws IOException {
		String contentLength = head.header("Content-Length");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		try {
			if (contentLength != null && isNumber(contentLength.trim())) {
				body.writeBytes(this.in.readNBytes(Math.min(MAX_BODY, Integer.parseInt(contentLength.trim()))));
			}
			else {
				byte[] chunk = new byte[4096];
				for (int n; body.size() < MAX_BODY && (n = this.in.read(chunk)) >= 0;) {
					body.write(chunk, 0, n);
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// A refusal the server does not end: keep what came.
		}
		return body.toString(StandardCharsets.UTF_8);
	}

	private static boolean isNumber(String digits) {
		return !digits.isEmpty() && digits.length() <= 9 && digits.chars().allMatch(Character::isDigit);
	}

	private static String latin1(ByteArrayOutputStream bytes) {
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

}
