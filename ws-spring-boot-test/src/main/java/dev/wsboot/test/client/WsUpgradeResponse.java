package dev.wsboot.test.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;

/**
 * The server's answer to an upgrade request: {@code 101 Switching Protocols} with the
 * session it opened, or a refusal with its status, headers and body.
 * {@code assertThat(response)} gives a {@link WsUpgradeResponseAssert}.
 *
 * <pre class="code">
 * assertThat(ws.connect("/admin").upgrade()).isRefused().hasStatus(401).hasHeader("WWW-Authenticate", "Bearer");
 * </pre>
 */
public final class WsUpgradeResponse implements AssertProvider<WsUpgradeResponseAssert> {

	private final String request;

	private final int status;

	private final String reason;

	private final List<Map.Entry<String, String>> headers;

	private final String body;

	private @Nullable WsTestSession session;

	WsUpgradeResponse(String request, int status, String reason, List<Map.Entry<String, String>> headers,
			String body) {
		this.request = request;
		this.status = status;
		this.reason = reason;
		this.headers = List.copyOf(headers);
		this.body = body;
	}

	void attach(WsTestSession session) {
		this.session = session;
	}

	/** The request line that was answered, such as {@code GET /rooms/a?name=ann}. */
	public String request() {
		return this.request;
	}

	/** The status code. */
	public int status() {
		return this.status;
	}

	/** The reason phrase of the status line. */
	public String reason() {
		return this.reason;
	}

	/** Whether the server switched to WebSocket: status 101. */
	public boolean isAccepted() {
		return this.status == 101;
	}

	/** The first value of a header, its name in any case, or {@code null} when absent. */
	public @Nullable String header(String name) {
		for (Map.Entry<String, String> header : this.headers) {
			if (header.getKey().equalsIgnoreCase(name)) {
				return header.getValue();
			}
		}
		return null;
	}

	/** Every value of a header, its name in any case, in the order received. */
	public List<String> headerValues(String name) {
		List<String> values = new ArrayList<>();
		for (Map.Entry<String, String> header : this.headers) {
			if (header.getKey().equalsIgnoreCase(name)) {
				values.add(header.getValue());
			}
		}
		return values;
	}

	/** The headers by lower-case name, in the order received. */
	public Map<String, List<String>> headers() {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : this.headers) {
			map.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), (name) -> new ArrayList<>())
				.add(header.getValue());
		}
		map.replaceAll((name, values) -> Collections.unmodifiableList(values));
		return Collections.unmodifiableMap(map);
	}

	/** The body of a refusal, read as UTF-8; empty for a 101. */
	public String body() {
		return this.body;
	}

	/** The subprotocol the server chose ({@code Sec-WebSocket-Protocol}), or {@code null}. */
	public @Nullable String subprotocol() {
		return header("Sec-WebSocket-Protocol");
	}

	/**
	 * The session the server opened.
	 * @throws AssertionError when it refused the upgrade, saying how
	 */
	public WsTestSession session() {
		WsTestSession opened = this.session;
		if (opened == null) {
			throw new AssertionError("Expected the upgrade to be accepted, but " + describe());
		}
		return opened;
	}

	/** Assertions on this response; the entry point {@code Assertions.assertThat(response)} calls. */
	@Override
	public WsUpgradeResponseAssert assertThat() {
		return new WsUpgradeResponseAssert(this);
	}

	/** The answer in a sentence: for a failure message. */
	String describe() {
		return "the server answered " + this.request + " with " + this;
	}

	/** The status line, the headers and the body, as on the wire. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder().append(this.status).append(' ').append(this.reason);
		for (Map.Entry<String, String> header : this.headers) {
			text.append(", ").append(header.getKey()).append(": ").append(header.getValue());
		}
		if (!this.body.isEmpty()) {
			text.append(", body \"").append(this.body).append('"');
		}
		return text.toString();
	}

}
