package dev.wsboot.test.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * An upgrade request being built by {@link WsTestClient#connect}: query parameters, headers,
 * subprotocols and credentials, then {@link #open()} for a session or {@link #upgrade()} for
 * the server's answer whatever it is.
 *
 * <pre class="code">
 * WsTestSession session = ws.connect("/rooms/{room}", "lobby").query("name", "ann").bearerToken(token).open();
 * assertThat(ws.connect("/admin").upgrade()).isRefused().hasStatus(401);
 * </pre>
 *
 * <p>The request carries what RFC 6455 §4.1 requires ({@code Host}, {@code Upgrade},
 * {@code Connection}, a fresh {@code Sec-WebSocket-Key}, {@code Sec-WebSocket-Version: 13});
 * {@link #header} replaces any of them and {@link #withoutHeader} removes it, to test how the
 * server answers a bad request.
 */
public final class WsUpgradeSpec {

	private final WsTestClient client;

	/** The path and query, or a whole {@code ws:} or {@code wss:} URI, variables filled in. */
	private final String target;

	private final StringBuilder query = new StringBuilder();

	private final List<String[]> headers = new ArrayList<>();

	private final List<String> cookies = new ArrayList<>();

	private Duration timeout;

	private int receiveBufferSize;

	WsUpgradeSpec(WsTestClient client, String target) {
		this.client = client;
		this.target = target;
		this.timeout = client.timeout();
		byte[] key = new byte[16];
		ThreadLocalRandom.current().nextBytes(key);
		header("Upgrade", "websocket");
		header("Connection", "Upgrade");
		header("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
		header("Sec-WebSocket-Version", "13");
	}

	/** Adds a query parameter with each of these values, encoded. */
	public WsUpgradeSpec query(String name, Object... values) {
		for (Object value : values) {
			this.query.append((this.query.isEmpty() && this.target.indexOf('?') < 0) ? '?' : '&')
				.append(UriTemplate.encode(name, true))
				.append('=')
				.append(UriTemplate.encode(String.valueOf(value), true));
		}
		return this;
	}

	/** Sets a header to these values, one line each, replacing what it had, defaults included. */
	public WsUpgradeSpec header(String name, String... values) {
		withoutHeader(name);
		for (String value : values) {
			this.headers.add(new String[] { name, value });
		}
		return this;
	}

	/** Leaves a header out, even one RFC 6455 requires. */
	public WsUpgradeSpec withoutHeader(String name) {
		this.headers.removeIf((header) -> header[0].equalsIgnoreCase(name));
		return this;
	}

	/** Offers these subprotocols, in order of preference ({@code Sec-WebSocket-Protocol}). */
	public WsUpgradeSpec subprotocols(String... subprotocols) {
		return header("Sec-WebSocket-Protocol", String.join(", ", subprotocols));
	}

	/** Sends the {@code Origin} a browser showing a page of that origin sends. */
	public WsUpgradeSpec origin(String origin) {
		return header("Origin", origin);
	}

	/** Authenticates with a bearer token: {@code Authorization: Bearer <token>}. */
	public WsUpgradeSpec bearerToken(String token) {
		return header("Authorization", "Bearer " + token);
	}

	/** Authenticates with HTTP Basic: {@code Authorization: Basic <base64(user:password)>}. */
	public WsUpgradeSpec basicAuth(String username, String password) {
		String credentials = username + ":" + password;
		return header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
	}

	/** Adds a cookie, such as the session cookie a browser sends to the WebSocket port too. */
	public WsUpgradeSpec cookie(String name, String value) {
		this.cookies.add(name + "=" + value);
		return header("Cookie", String.join("; ", this.cookies));
	}

	/** Sets how long the upgrade, and each wait of the session, lasts before it fails. */
	public WsUpgradeSpec timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	/**
	 * Sets the connection's receive buffer to about {@code bytes}, before it connects: a
	 * session that {@linkplain WsTestSession#pauseReading() stops reading} then backs the
	 * server's writes up sooner.
	 */
	public WsUpgradeSpec receiveBufferSize(int bytes) {
		this.receiveBufferSize = bytes;
		return this;
	}

	/**
	 * Sends the request and returns the open session.
	 * @throws AssertionError when the server refuses the upgrade, with its answer, or accepts
	 * it in a way RFC 6455 forbids
	 */
	public WsTestSession open() {
		return upgrade().session();
	}

	/**
	 * Sends the request and returns the server's answer, whatever its status; with a 101, the
	 * {@linkplain WsUpgradeResponse#session() session} is open.
	 * @throws AssertionError when the answer is not HTTP, or a 101 that RFC 6455 forbids
	 * @throws UncheckedIOException when the client cannot connect
	 */
	public WsUpgradeResponse upgrade() {
		URI uri = resolve();
		boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
		int port = (uri.getPort() >= 0) ? uri.getPort() : (secure ? 443 : 80);
		String host = uri.getHost();
		String target = (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		Socket socket = this.client.connector().connect(host, port, secure, this.timeout, this.receiveBufferSize);
		try {
			socket.getOutputStream().write(requestHead(host, port, target));
			socket.getOutputStream().flush();
			InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
			WsUpgradeResponse response = new UpgradeResponseReader(in, "GET " + target, this.timeout).read();
			if (!response.isAccepted()) {
				socket.close();
				return response;
			}
			ServerHandshakeCheck.check(response, headerSent("Sec-WebSocket-Key"),
					headerSent("Sec-WebSocket-Protocol"));
			socket.setSoTimeout(0);
			WsTestSession session = this.client.newSession(socket, in, response, target, this.timeout);
			response.attach(session);
			session.start();
			return response;
		}
		catch (IOException ex) {
			SocketConnector.closeQuietly(socket);
			throw new UncheckedIOException("Could not upgrade " + uri + ": " + ex.getMessage(), ex);
		}
		catch (RuntimeException | AssertionError ex) {
			SocketConnector.closeQuietly(socket);
			throw ex;
		}
	}

	private URI resolve() {
		String target = this.target + this.query;
		if (target.startsWith("ws://") || target.startsWith("wss://")) {
			return URI.create(target);
		}
		URI base = this.client.baseUri();
		String path = target.startsWith("/") ? target : "/" + target;
		return URI.create(base.getScheme() + "://" + base.getRawAuthority() + path);
	}

	private byte[] requestHead(String host, int port, String target) {
		StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n");
		if (this.headers.stream().noneMatch((header) -> header[0].equalsIgnoreCase("Host"))) {
			head.append("Host: ").append(host).append(':').append(port).append("\r\n");
		}
		for (String[] header : this.headers) {
			head.append(header[0]).append(": ").append(header[1]).append("\r\n");
		}
		return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
	}

	private @Nullable String headerSent(String name) {
		for (String[] header : this.headers) {
			if (header[0].equalsIgnoreCase(name)) {
				return header[1];
			}
		}
		return null;
	}

}
