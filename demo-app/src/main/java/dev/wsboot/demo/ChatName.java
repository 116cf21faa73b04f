package dev.wsboot.demo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * A participant's display name, taken from the {@code name} query parameter of the
 * handshake: trimmed, stripped of control characters, at most 32 characters.
 */
final class ChatName {

	private static final int MAX_LENGTH = 32;

	private ChatName() {
	}

	static String fromQuery(@Nullable String query) {
		if (query != null) {
			for (String pair : query.split("&")) {
				if (pair.startsWith("name=")) {
					String name = clean(URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8));
					if (!name.isEmpty()) {
						return name;
					}
				}
			}
		}
		return "anonymous";
	}

	private static String clean(String raw) {
		String name = raw.codePoints()
			.filter((c) -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		return (name.length() > MAX_LENGTH) ? name.substring(0, MAX_LENGTH) : name;
	}

}
