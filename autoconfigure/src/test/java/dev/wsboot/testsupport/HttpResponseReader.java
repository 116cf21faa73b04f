package dev.wsboot.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the server's answer to an upgrade request byte by byte, so that nothing after the
 * head is consumed: the frames that follow a 101 stay for {@link ServerFrameReader}. A head
 * that stops short fails the test with what had arrived of it.
 */
final class HttpResponseReader {

	private final InputStream in;

	HttpResponseReader(InputStream in) {
		this.in = in;
	}

	/** Reads a status line and header lines up to the blank line, and no further. */
	HttpResponse readHead(Duration timeout) {
		List<String> lines = new ArrayList<>();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		for (String line = readLine(head, timeout); !line.isEmpty(); line = readLine(head, timeout)) {
			lines.add(line);
		}
		return HttpResponse.parseHead(lines);
	}

	/** Reads the head, then a body of {@code Content-Length} bytes. */
	HttpResponse readWithBody(Duration timeout) {
		HttpResponse head = readHead(timeout);
		String contentLength = head.header("Content-Length");
		assertThat(contentLength).as("Content-Length of %s", head).isNotNull();
		int length = Integer.parseInt(contentLength);
		byte[] body;
		try {
			body = this.in.readNBytes(length);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Expected a body of " + length + " bytes after " + head
					+ ", but the server sent no more within " + timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		assertThat(body.length).as("body bytes of %s before the connection ended", head).isEqualTo(length);
		return new HttpResponse(head.status(), head.headers(), body);
	}

	/** A line ended by CRLF, which RFC 9112 §2.2 asks a sender to use, without the CRLF. */
	private String readLine(ByteArrayOutputStream head, Duration timeout) {
		int start = head.size();
		while (readByte(head, timeout) != '\r') {
			// Each byte read is kept in the head, for the line and for a failure message.
		}
		assertThat(readByte(head, timeout)).as("LF after CR in \"%s\"", ascii(head)).isEqualTo('\n');
		byte[] bytes = head.toByteArray();
		return new String(bytes, start, bytes.length - start - 2, StandardCharsets.ISO_8859_1);
	}

	private int readByte(ByteArrayOutputStream head, Duration timeout) {
		int b;
		try {
			b = this.in.read();
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("Expected an HTTP response head, but the server sent only \"" + ascii(head)
					+ "\" within " + timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (b == -1) {
			throw new AssertionError(
					"Expected an HTTP response head, but the server closed the connection after \"" + ascii(head) + "\"");
		}
		head.write(b);
		return b;
	}

	private static String ascii(ByteArrayOutputStream bytes) {
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

}
