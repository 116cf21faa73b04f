package dev.wsboot.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Percent-decoding of the parts of a request target (RFC 3986 §2.1), as UTF-8. A path is
 * split into its segments before any of them is decoded, so that an encoded slash
 * ({@code %2F}) stays inside its segment instead of becoming a separator.
 */
public final class UriDecoder {

	private UriDecoder() {
	}

	/**
	 * The decoded segments of a path that starts with {@code /}: {@code /} has none,
	 * {@code /a/b} has {@code a} and {@code b}, {@code /a/} has {@code a} and an empty one.
	 * @throws HandshakeException 400 for a {@code %} not followed by two hex digits, or
	 * bytes that are not UTF-8
	 */
	public static List<String> pathSegments(String path) {
		List<String> segments = new ArrayList<>();
		if (path.length() <= 1) {
			return segments;
		}
		int start = 1;
		while (true) {
			int slash = path.indexOf('/', start);
			int end = (slash >= 0) ? slash : path.length();
			segments.add(decode(path, start, end, false));
			if (slash < 0) {
				return segments;
			}
			start = slash + 1;
		}
	}

	/**
	 * Decodes {@code text[start, end)}.
	 * @param plusIsSpace whether {@code +} stands for a space, as in the query strings of
	 * HTML forms and of browsers' {@code URLSearchParams}
	 * @throws HandshakeException 400 for bad percent-encoding or bytes that are not UTF-8
	 */
	static String decode(String text, int start, int end, boolean plusIsSpace) {
		int percent = text.indexOf('%', start);
		int plus = plusIsSpace ? text.indexOf('+', start) : -1;
		if ((percent < 0 || percent >= end) && (plus < 0 || plus >= end)) {
			return text.substring(start, end);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= end) {
					throw malformed(text);
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					throw malformed(text);
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else if (c == '+' && plusIsSpace) {
				bytes.write(' ');
			}
			else {
				// Request targets are ASCII: the parser refuses anything else.
				bytes.write(c);
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new HandshakeException(400, "Percent-encoded bytes that are not UTF-8 in " + text);
		}
	}

	private static HandshakeException malformed(String text) {
		return new HandshakeException(400, "Malformed percent-encoding in " + text);
	}

}
