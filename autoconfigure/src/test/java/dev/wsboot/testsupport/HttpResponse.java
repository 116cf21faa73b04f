package dev.wsboot.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP response as {@link RawWsClient} read it: the answer to an upgrade request.
 *
 * @param status the status code of the status line
 * @param headers the header values by lower-case name, in the order received
 * @param body the body, as long as {@code Content-Length} said; empty when only the head was read
 */
public record HttpResponse(int status, Map<String, List<String>> headers, byte[] body) {

	/** Parses a status line and the header lines after it; fails the test on a malformed one. */
	static HttpResponse parseHead(List<String> lines) {
		assertThat(lines).as("response head").isNotEmpty();
		String statusLine = lines.get(0);
		assertThat(statusLine).as("status line").matches("HTTP/1\\.1 \\d{3} .*");
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line : lines.subList(1, lines.size())) {
			int colon = line.indexOf(':');
			assertThat(colon).as("colon in header line '%s'", line).isPositive();
			headers.computeIfAbsent(line.substring(0, colon).toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(line.substring(colon + 1).strip());
		}
		return new HttpResponse(Integer.parseInt(statusLine.substring(9, 12)), headers, new byte[0]);
	}

	/** The first value of a header, or {@code null}; the name is matched ignoring case. */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null) ? values.get(0) : null;
	}

	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "HttpResponse[" + this.status + ", " + this.headers + ", \"" + bodyText().strip() + "\"]";
	}

}
