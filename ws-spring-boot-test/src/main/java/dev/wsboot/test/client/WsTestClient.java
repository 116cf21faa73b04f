package dev.wsboot.test.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import dev.wsboot.endpoint.WsMessageCodec;
import org.jspecify.annotations.Nullable;

/**
 * Opens WebSocket sessions to the server under test: the test kit's entry point. In a
 * {@code @SpringBootTest} or {@code @WsEndpointTest}, inject it; it is already pointed at the
 * port the server listens on, and speaks JSON with the application's {@code JsonMapper}.
 *
 * <pre class="code">
 * &#64;Autowired
 * WsTestClient ws;
 *
 * &#64;Test
 * void echoes() {
 *     WsTestSession session = ws.open("/echo");
 *     session.sendText("hello");
 *     assertThat(session).receivesText("hello");
 * }
 * </pre>
 *
 * <p>The client is this project's own, on plain sockets, so that a test can also send what
 * no well-behaved client sends ({@link WsFrame}, {@link WsUpgradeSpec#header}). Every wait is
 * bounded by the {@linkplain Builder#timeout timeout}, 5 seconds unless set
 * ({@code ws.test.timeout} in a Spring test), and fails saying what arrived instead.
 *
 * <p>Thread-safe. Outside a Spring test context, build one with {@link #forPort(int)} or
 * {@link #builder()} and close its sessions yourself.
 */
public final class WsTestClient {

	/** How long a wait lasts unless the client is built with another timeout. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/** The largest message a session reads unless the client is built with another limit. */
	public static final int DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

	private final Supplier<URI> baseUri;

	private final SocketConnector connector;

	private final Duration timeout;

	private final int maxMessageSize;

	private final @Nullable WsMessageCodec codec;

	private final SettleWait settleWait;

	private final List<WsTestSession> sessions = new CopyOnWriteArrayList<>();

	private final AtomicLong sequence = new AtomicLong();

	private WsTestClient(Builder builder) {
		this.baseUri = builder.baseUri;
		this.connector = new SocketConnector(builder.sslContext, builder.verifyHostname);
		this.timeout = builder.timeout;
		this.maxMessageSize = builder.maxMessageSize;
		this.codec = builder.codec;
		this.settleWait = new SettleWait(builder.timeout, builder.serverActivity);
	}

	/** A builder of a client; give it at least a port or a base URI. */
	public static Builder builder() {
		return new Builder();
	}

	/** A client of the server listening on this port of {@code localhost}, with the defaults. */
	public static WsTestClient forPort(int port) {
		return builder().port(port).build();
	}

	/**
	 * Starts an upgrade request to a path, whose {@code {variables}} take these values in
	 * order, percent-encoded; the path may have a query, or be a whole {@code ws:} or
	 * {@code wss:} URI.
	 */
	public WsUpgradeSpec connect(String uriTemplate, Object... uriVariables) {
		return new WsUpgradeSpec(this, UriTemplate.expand(uriTemplate, uriVariables));
	}

	/**
	 * Opens a session on a path, as {@link #connect} describes.
	 * @throws AssertionError when the server refuses the upgrade, with its answer
	 */
	public WsTestSession open(String uriTemplate, Object... uriVariables) {
		return connect(uriTemplate, uriVariables).open();
	}

	/**
	 * Waits until the server has handled every message this client's sessions sent: each
	 * session that sent something has had a ping answered, so the server has read it, and,
	 * with a {@link ServerActivity}, no handler call for those messages is running or
	 * waiting. A sync point before checking the server's state, or what was published.
	 * @throws AssertionError when the server is still busy after the timeout
	 */
	public void settle() {
		settle(null);
	}

	/** The sessions of this client that are still open, oldest first. */
	public List<WsTestSession> openSessions() {
		return this.sessions.stream().filter(WsTestSession::isOpen).toList();
	}

	/** Closes every session of this client. */
	public void closeAll() {
		this.sessions.forEach(WsTestSession::close);
	}

	/** A mark for {@link #closeSessionsOpenedSince}: the sessions opened from now on come after it. */
	public long mark() {
		return this.sequence.get();
	}

	/** Closes the sessions opened since {@code mark}: those of one test, for the test kit's listener. */
	public void closeSessionsOpenedSince(long mark) {
		for (WsTestSession session : this.sessions) {
			if (session.sequence() > mark) {
				session.close();
			}
		}
	}

	/** How long each wait lasts before it fails. */
	public Duration timeout() {
		return this.timeout;
	}

	/** The URI sessions are opened against, such as {@code ws://localhost:51234}. */
	public URI baseUri() {
		return this.baseUri.get();
	}

	// ---- for upgrade requests and sessions ----

	@Nullable WsMessageCodec codec() {
		return this.codec;
	}

	SocketConnector connector() {
		return this.connector;
	}

	WsTestSession newSession(Socket socket, InputStream in, WsUpgradeResponse response, String target,
			Duration timeout) throws IOException {
		WsTestSession session = new WsTestSession(this, this.sequence.incrementAndGet(), socket, in, response, target,
				timeout, this.maxMessageSize);
		this.sessions.add(session);
		return session;
	}

	void closed(WsTestSession session) {
		this.sessions.remove(session);
	}

	/**
	 * {@link #settle()}, and, when {@code written} is given, until the server has written
	 * everything it queued for that session.
	 */
	void settle(@Nullable WsTestSession written) {
		this.settleWait.await(this.sessions, written);
	}

	/** Builds a {@link WsTestClient}. */
	public static final class Builder {

		private Supplier<URI> baseUri = () -> {
			throw new IllegalStateException("No server to connect to: build the client with a port or a base URI");
		};

		private @Nullable SSLContext sslContext;

		private boolean verifyHostname = true;

		private Duration timeout = DEFAULT_TIMEOUT;

		private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;

		private @Nullable WsMessageCodec codec;

		private @Nullable ServerActivity serverActivity;

		private Builder() {
		}

		/** Connects to this port of {@code localhost}, with {@code ws:}. */
		public Builder port(int port) {
			URI uri = URI.create("ws://localhost:" + port);
			return baseUri(() -> uri);
		}

		/** Connects to this {@code ws:} or {@code wss:} URI's host and port. */
		public Builder baseUri(URI baseUri) {
			return baseUri(() -> baseUri);
		}

		/** Connects to the URI this supplies when a session opens: for a port known only then. */
		public Builder baseUri(Supplier<URI> baseUri) {
			this.baseUri = baseUri;
			return this;
		}

		/** Uses this context for {@code wss:}, such as one trusting the server's test certificate. */
		public Builder sslContext(SSLContext sslContext) {
			this.sslContext = sslContext;
			return this;
		}

		/**
		 * Whether {@code wss:} checks that the server's certificate names the host connected to;
		 * true by default.
		 */
		public Builder verifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
			return this;
		}

		/** Sets how long each wait lasts before it fails. */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("A timeout must be positive: " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/** Sets the largest message, and frame, a session reads before it fails. */
		public Builder maxMessageSize(int bytes) {
			this.maxMessageSize = bytes;
			return this;
		}

		/**
		 * Writes {@link WsTestSession#sendJson} objects and reads {@link WsMessage#decode}
		 * types with this codec: for JSON, {@code new JacksonMessageCodec(jsonMapper)}, as the
		 * server does.
		 */
		public Builder jsonCodec(WsMessageCodec codec) {
			this.codec = codec;
			return this;
		}

		/** Learns when the server is done from this, rather than from ping round trips alone. */
		public Builder serverActivity(ServerActivity serverActivity) {
			this.serverActivity = serverActivity;
			return this;
		}

		/** Builds the client. */
		public WsTestClient build() {
			return new WsTestClient(this);
		}

	}

}
