package dev.wsboot.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reads the head of one connection's upgrade request from bytes as they arrive and turns it
 * into a {@link HandshakeRequest}, within {@link HandshakeLimits}.
 *
 * <p>Each call to {@link #parse} takes every remaining byte of its buffer into the parser, which
 * keeps the line it is reading in a buffer of its own, so the caller can reuse its buffer for
 * the next read. The one exception is the call that completes the head: it stops right after
 * the blank line that ends it and leaves what follows, perhaps the first WebSocket frame, in
 * the buffer. Each byte is looked at once however the input is split. Limits are checked as
 * each byte arrives, so a client sending an endless head is refused as soon as it passes one.
 *
 * <p>Not thread-safe: use one instance per connection, for one request.
 */
public final class HandshakeRequestParser {

	private static final int INITIAL_LINE_CAPACITY = 256;

	/** RFC 8446 §5.1: the content type of a TLS handshake record, a TLS client's first byte. */
	private static final byte TLS_HANDSHAKE_RECORD = 0x16;

	private enum State {
		REQUEST_LINE, HEADERS, DONE, FAILED
	}

	private final HandshakeLimits limits;

	private State state = State.REQUEST_LINE;

	private boolean started;

	/** Bytes of the head taken so far, line endings included. */
	private int headLength;

	/** The line being read, without its line ending. */
	private byte[] line = new byte[INITIAL_LINE_CAPACITY];

	private int lineLength;

	/** Whether the last byte taken was a CR, which must be followed by LF. */
	private boolean afterCr;

	/** Whether the request line got past its method, whose bytes are checked as they come. */
	private boolean methodRead;

	private @Nullable RequestLine requestLine;

	private final HttpHeaders headers = new HttpHeaders();

	/** Creates a parser for one request head within {@code limits}. */
	public HandshakeRequestParser(HandshakeLimits limits) {
		this.limits = limits;
	}

	/**
	 * Takes bytes from {@code in}'s position on and returns the request once its head is
	 * complete. Until then it returns {@code null}, having taken all of {@code in}; when the
	 * head completes, {@code in} is left positioned right after the blank line that ends it.
	 * @throws HandshakeException if the head is malformed (400), its request line too long
	 * (414) or the head too large or with too many fields (431); the parser is then spent
	 * @throws IllegalStateException if the request was already returned or refused
	 */
	public @Nullable HandshakeRequest parse(ByteBuffer in) {
		if (this.state == State.DONE || this.state == State.FAILED) {
			throw new IllegalStateException(
					"This parser already " + ((this.state == State.DONE) ? "returned" : "refused") + " its request");
		}
		this.started |= in.hasRemaining();
		try {
			while (in.hasRemaining()) {
				if (take(in.get())) {
					return complete();
				}
			}
			return null;
		}
		catch (HandshakeException ex) {
			this.state = State.FAILED;
			throw ex;
		}
	}

	/** Whether any byte of the request has been received. */
	public boolean hasStarted() {
		return this.started;
	}

	/** Takes one byte and returns whether it completed the head. */
	private boolean take(byte b) {
		if (++this.headLength > this.limits.maxHeaderBlockSize()) {
			throw HandshakeException.requestHeaderFieldsTooLarge(
					"Request head is larger than " + this.limits.maxHeaderBlockSize() + " bytes");
		}
		if (this.afterCr) {
			// RFC 9112 §2.2: a recipient of a bare CR "MUST consider that element to be
			// invalid" (or replace it, which would hide what the client meant).
			if (b != '\n') {
				throw HandshakeException.badRequest("CR not followed by LF");
			}
			this.afterCr = false;
			return endLine();
		}
		if (b == '\r') {
			this.afterCr = true;
			return false;
		}
		if (b == '\n') {
			// RFC 9112 §2.2: a recipient "MAY recognize a single LF as a line terminator".
			return endLine();
		}
		append(b);
		return false;
	}

	private void append(byte b) {
		if (this.state == State.REQUEST_LINE && !this.methodRead) {
			checkMethodByte(b);
		}
		if (this.state == State.REQUEST_LINE && this.lineLength == this.limits.maxRequestLineLength()) {
			throw HandshakeException.uriTooLong(
					"Request line is longer than " + this.limits.maxRequestLineLength() + " bytes");
		}
		if (this.state == State.HEADERS && this.lineLength == 0
				&& this.headers.size() == this.limits.maxHeaderCount()) {
			throw HandshakeException.requestHeaderFieldsTooLarge(
					"Request has more than " + this.limits.maxHeaderCount() + " header fields");
		}
		if (this.lineLength == this.line.length) {
			// No line outgrows the head, so neither does this buffer.
			this.line = Arrays.copyOf(this.line, Math.min(2 * this.line.length, this.limits.maxHeaderBlockSize()));
		}
		this.line[this.lineLength++] = b;
	}

	/**
	 * Refuses a request whose method is no token as soon as the byte arrives, rather than
	 * when a line ending that may never come does: a TLS client's handshake (whose first
	 * byte is 22) or other binary data sent to this port is answered at once.
	 */
	private void checkMethodByte(byte b) {
		if (b == ' ' && this.lineLength > 0) {
			this.methodRead = true;
		}
		else if (!HttpChars.isTokenChar(b)) {
			if (b == TLS_HANDSHAKE_RECORD && this.headLength == 1) {
				throw HandshakeException.badRequest("TLS handshake on a port that speaks plain HTTP; use ws:// here");
			}
			throw HandshakeException.badRequest("Malformed request method");
		}
	}

	/** Handles the line just ended and returns whether it was the blank line ending the head. */
	private boolean endLine() {
		if (this.state == State.REQUEST_LINE) {
			// RFC 9112 §2.2: a server "SHOULD ignore at least one empty line (CRLF) received
			// prior to the request-line"; the head size limit bounds how many.
			if (this.lineLength > 0) {
				this.requestLine = RequestLine.parse(this.line, this.lineLength);
				this.state = State.HEADERS;
			}
		}
		else if (this.lineLength == 0) {
			return true;
		}
		else {
			addHeader();
		}
		this.lineLength = 0;
		return false;
	}

	/** Parses the current line as {@code field-name ":" OWS field-value OWS} (RFC 9112 §5). */
	private void addHeader() {
		if (HttpChars.isWhitespace(this.line[0])) {
			// RFC 9112 §5.2: a server receiving obs-fold "MUST either reject the message by
			// sending a 400 (Bad Request)" or unfold it; §2.2 says the same of whitespace
			// before the first field.
			throw HandshakeException.badRequest("Header line starts with whitespace (obsolete line folding)");
		}
		int colon = 0;
		while (colon < this.lineLength && this.line[colon] != ':') {
			colon++;
		}
		if (colon == this.lineLength) {
			throw HandshakeException.badRequest("Header line has no colon");
		}
		if (colon == 0) {
			throw HandshakeException.badRequest("Header name is empty");
		}
		if (HttpChars.isWhitespace(this.line[colon - 1])) {
			// RFC 9112 §5.1: "A server MUST reject, with a response status code of 400 (Bad
			// Request), any received request message that contains whitespace between a
			// header field name and colon."
			throw HandshakeException.badRequest("Whitespace between header name and colon");
		}
		for (int i = 0; i < colon; i++) {
			if (!HttpChars.isTokenChar(this.line[i])) {
				throw HandshakeException.badRequest("Header name is not a token");
			}
		}
		int start = colon + 1;
		int end = this.lineLength;
		while (start < end && HttpChars.isWhitespace(this.line[start])) {
			start++;
		}
		while (end > start && HttpChars.isWhitespace(this.line[end - 1])) {
			end--;
		}
		for (int i = start; i < end; i++) {
			// RFC 9110 §5.5: a value is visible characters, spaces, tabs and obs-text (0x80
			// and up); a recipient of CR, LF or NUL in one MUST reject or replace them.
			byte b = this.line[i];
			if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
				throw HandshakeException.badRequest("Control character in header value");
			}
		}
		this.headers.add(string(0, colon), string(start, end));
	}

	private HandshakeRequest complete() {
		this.state = State.DONE;
		this.line = new byte[0];
		// The blank line ends the head only after the request line was read.
		RequestLine requestLine = Objects.requireNonNull(this.requestLine);
		return new HandshakeRequest(requestLine.method(), requestLine.target(), requestLine.path(),
				requestLine.query(), requestLine.httpVersion(), this.headers);
	}

	private String string(int from, int to) {
		return new String(this.line, from, to - from, StandardCharsets.ISO_8859_1);
	}

}
