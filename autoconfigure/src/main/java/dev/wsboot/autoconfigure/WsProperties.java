package dev.wsboot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wsboot.server.ssl.ClientAuth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the WebSocket server under the {@code ws} prefix, applied by
 * {@link WsAutoConfiguration} to the server factory.
 *
 * <p>Setters refuse values out of range with an {@link IllegalArgumentException}, so that a
 * wrong value fails the binding, which names the property, rather than a thread pool or
 * the server later on.
 */
@ConfigurationProperties("ws")
public class WsProperties {

	/** Control frames carry up to 125 bytes, so no smaller frame limit lets a ping through. */
	private static final long MIN_FRAME_SIZE = 125;

	private static final int MAX_PORT = 65535;

	/**
	 * Whether to enable the WebSocket server.
	 */
	private boolean enabled = true;

	/**
	 * Port the WebSocket server listens on. Use 0 for a free port.
	 */
	private int port = 8081;

	/**
	 * Network address the WebSocket server binds to. When not set, every interface.
	 */
	private @Nullable InetAddress address;

	/**
	 * Path of the endpoints that declare none.
	 */
	private String path = "/ws";

	/**
	 * Maximum payload size of a single frame. A larger frame closes the session with 1009.
	 */
	private DataSize maxFrameSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum size of a reassembled message. A larger message closes the session with 1009.
	 */
	private DataSize maxMessageSize = DataSize.ofMegabytes(1);

	/**
	 * Maximum time from a connection's accept to the answer to its upgrade request: the
	 * client's sending it, and the handshake interceptors' decision. A request not complete
	 * by then is answered with 408, one not decided with 503.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Time without traffic after which a session is closed with 1001. Zero means no limit.
	 */
	private Duration idleTimeout = Duration.ZERO;

	/**
	 * Time a session may stay quiet before the server pings it. Zero disables pings.
	 */
	private Duration pingInterval = Duration.ZERO;

	/**
	 * Maximum time to wait for the client's close frame after sending ours.
	 */
	private Duration closeTimeout = Duration.ofSeconds(5);

	/**
	 * Maximum time a graceful shutdown waits for sessions to close. When not set,
	 * 'spring.lifecycle.timeout-per-shutdown-phase' less 10% (at least 1s, and leaving at
	 * least 1s), so that the server stops within that phase.
	 */
	private @Nullable Duration shutdownTimeout;

	/**
	 * Maximum number of open connections. Further upgrade requests are refused with 503.
	 */
	private int maxConnections = 10000;

	/**
	 * Maximum number of connections from one client address. Further upgrade requests from
	 * it are refused with 429. Zero means no limit.
	 */
	private int maxConnectionsPerAddress;

	/**
	 * Maximum number of messages per second one session may send. A session that sends
	 * more is closed with 1008. Zero means no limit.
	 */
	private int maxMessageRate;

	/**
	 * Maximum number of messages one session may send at once, 'ws.max-message-rate' being
	 * its average. Zero means as many as the rate allows in a second.
	 */
	private int maxMessageBurst;

	/**
	 * Maximum size of the messages queued for one session. A session that would exceed it
	 * reads too slowly and is closed with 1008.
	 */
	private DataSize maxOutboundBuffer = DataSize.ofMegabytes(4);

	/**
	 * Origins of web pages allowed to connect besides pages of the server's own host on any
	 * port, such as 'https://example.com' or 'https://*.example.com'. '*' allows any origin.
	 */
	private List<String> allowedOrigins = new ArrayList<>();

	/**
	 * Number of I/O threads. Defaults to the number of available processors.
	 */
	private int ioThreads = Runtime.getRuntime().availableProcessors();

	private final Handshake handshake = new Handshake();

	private final Forwarded forwarded = new Forwarded();

	private final Security security = new Security();

	private final Executor executor = new Executor();

	private final Ssl ssl = new Ssl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = between(0, MAX_PORT, port);
	}

	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable InetAddress address) {
		this.address = address;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public DataSize getMaxFrameSize() {
		return this.maxFrameSize;
	}

	public void setMaxFrameSize(DataSize maxFrameSize) {
		this.maxFrameSize = bytes(MIN_FRAME_SIZE, maxFrameSize);
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = bytes(1, maxMessageSize);
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = notNegative(handshakeTimeout);
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = notNegative(idleTimeout);
	}

	public Duration getPingInterval() {
		return this.pingInterval;
	}

	public void setPingInterval(Duration pingInterval) {
		this.pingInterval = notNegative(pingInterval);
	}

	public Duration getCloseTimeout() {
		return this.closeTimeout;
	}

	public void setCloseTimeout(Duration closeTimeout) {
		this.closeTimeout = notNegative(closeTimeout);
	}

	public @Nullable Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
		this.shutdownTimeout = (shutdownTimeout != null) ? notNegative(shutdownTimeout) : null;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = atLeast(1, maxConnections);
	}

	public int getMaxConnectionsPerAddress() {
		return this.maxConnectionsPerAddress;
	}

	public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
		this.maxConnectionsPerAddress = atLeast(0, maxConnectionsPerAddress);
	}

	public int getMaxMessageRate() {
		return this.maxMessageRate;
	}

	public void setMaxMessageRate(int maxMessageRate) {
		this.maxMessageRate = atLeast(0, maxMessageRate);
	}

	public int getMaxMessageBurst() {
		return this.maxMessageBurst;
	}

	public void setMaxMessageBurst(int maxMessageBurst) {
		this.maxMessageBurst = atLeast(0, maxMessageBurst);
	}

	public DataSize getMaxOutboundBuffer() {
		return this.maxOutboundBuffer;
	}

	public void setMaxOutboundBuffer(DataSize maxOutboundBuffer) {
		this.maxOutboundBuffer = bytes(1, maxOutboundBuffer);
	}

	public List<String> getAllowedOrigins() {
		return this.allowedOrigins;
	}

	public void setAllowedOrigins(List<String> allowedOrigins) {
		this.allowedOrigins = allowedOrigins;
	}

	public int getIoThreads() {
		return this.ioThreads;
	}

	public void setIoThreads(int ioThreads) {
		this.ioThreads = atLeast(1, ioThreads);
	}

	public Handshake getHandshake() {
		return this.handshake;
	}

	public Executor getExecutor() {
		return this.executor;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Forwarded getForwarded() {
		return this.forwarded;
	}

	public Security getSecurity() {
		return this.security;
	}

	private static int atLeast(int min, int value) {
		if (value < min) {
			throw new IllegalArgumentException("Must be at least " + min + ", but was " + value + ".");
		}
		return value;
	}

	private static int between(int min, int max, int value) {
		if (value < min || value > max) {
			throw new IllegalArgumentException("Must be between " + min + " and " + max + ", but was " + value + ".");
		}
		return value;
	}

	/** The server sizes its buffers in {@code int}s, hence the upper bound of 2 GB. */
	private static DataSize bytes(long min, DataSize size) {
		if (size.toBytes() < min || size.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("Must be between " + min + "B and " + Integer.MAX_VALUE
					+ "B, but was " + size + ".");
		}
		return size;
	}

	/** Zero turns a timer off; a negative time means nothing. */
	private static Duration notNegative(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Must not be negative, but was " + duration + ".");
		}
		return duration;
	}

	/**
	 * Limits on the upgrade request, checked while it arrives so that a client cannot make
	 * the server buffer an unbounded request head.
	 */
	public static class Handshake {

		/**
		 * Maximum length of the request line of an upgrade request. A longer one is refused
		 * with 414.
		 */
		private DataSize maxRequestLineLength = DataSize.ofKilobytes(8);

		/**
		 * Maximum size of the request line and headers of an upgrade request. A larger one is
		 * refused with 431.
		 */
		private DataSize maxHeaderSize = DataSize.ofKilobytes(16);

		/**
		 * Maximum number of headers of an upgrade request. More are refused with 431.
		 */
		private int maxHeaders = 100;

		/**
		 * Maximum number of upgrade requests per second from one client address, as many
		 * at once. Further ones are refused with 429. Zero means no limit.
		 */
		private int maxRatePerAddress;

		public DataSize getMaxRequestLineLength() {
			return this.maxRequestLineLength;
		}

		public void setMaxRequestLineLength(DataSize maxRequestLineLength) {
			this.maxRequestLineLength = bytes(1, maxRequestLineLength);
		}

		public DataSize getMaxHeaderSize() {
			return this.maxHeaderSize;
		}

		public void setMaxHeaderSize(DataSize maxHeaderSize) {
			this.maxHeaderSize = bytes(1, maxHeaderSize);
		}

		public int getMaxHeaders() {
			return this.maxHeaders;
		}

		public void setMaxHeaders(int maxHeaders) {
			this.maxHeaders = atLeast(1, maxHeaders);
		}

		public int getMaxRatePerAddress() {
			return this.maxRatePerAddress;
		}

		public void setMaxRatePerAddress(int maxRatePerAddress) {
			this.maxRatePerAddress = atLeast(0, maxRatePerAddress);
		}

	}

	/**
	 * TLS ({@code wss://}) on the server's port, with the key, certificate, protocols and
	 * cipher suites of a Spring Boot SSL bundle, as Spring Boot's own servers take them.
	 */
	public static class Ssl {

		/**
		 * Whether the server speaks TLS (wss://) instead of plain TCP (ws://). Requires
		 * 'ws.ssl.bundle'.
		 */
		private boolean enabled;

		/**
		 * Name of the SSL bundle, 'spring.ssl.bundle.jks.<name>' or
		 * 'spring.ssl.bundle.pem.<name>', with the server's key and certificate. Its
		 * options set the protocols and cipher suites; with 'reload-on-update', new
		 * connections get a renewed certificate.
		 */
		private @Nullable String bundle;

		/**
		 * Whether clients must present a certificate, trusted by the bundle's trust store.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

	}

	/**
	 * The platform-thread pool that runs the endpoint methods that may block; unused with
	 * virtual threads ({@code spring.threads.virtual.enabled=true} on Java 21 or later).
	 * Threads are created up to the maximum before calls queue, and end when idle. The
	 * queue is bounded so that a saturated application slows its clients down, by running
	 * further calls on the I/O thread that read the message, rather than buffering messages
	 * until the heap runs out; ten thousand waiting calls already mean seconds of backlog.
	 */
	public static class Executor {

		/**
		 * Maximum number of threads running endpoint methods.
		 */
		private int maxThreads = 200;

		/**
		 * Maximum number of endpoint method calls waiting for a thread. Further calls run on
		 * the I/O thread that read the message, slowing its connections down.
		 */
		private int queueCapacity = 10000;

		/**
		 * Time an idle thread is kept before it ends.
		 */
		private Duration keepAlive = Duration.ofSeconds(60);

		public int getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(int maxThreads) {
			this.maxThreads = atLeast(1, maxThreads);
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = atLeast(1, queueCapacity);
		}

		public Duration getKeepAlive() {
			return this.keepAlive;
		}

		public void setKeepAlive(Duration keepAlive) {
			this.keepAlive = notNegative(keepAlive);
		}

	}

	/**
	 * Reverse proxies in front of the server. Their forwarding headers are believed only
	 * from them: anyone else could send such headers to pose as another address.
	 */
	public static class Forwarded {

		/**
		 * Addresses or CIDR blocks of the trusted reverse proxies, such as '10.0.0.0/8' or
		 * '::1'. When the TCP peer is one of them, the client is read from the 'Forwarded',
		 * or else the 'X-Forwarded-For' and 'X-Forwarded-Proto', headers, for the session's
		 * remote address, the per-address limits and the logs.
		 */
		private List<String> trustedProxies = new ArrayList<>();

		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = trustedProxies;
		}

	}

	/**
	 * Spring Security for the endpoints, when it is on the class path: bearer tokens
	 * authenticated at the upgrade, '@PreAuthorize' and '@Secured' on endpoints and their
	 * methods, the security context around every handler call.
	 */
	public static class Security {

		/**
		 * Whether to apply Spring Security to the WebSocket endpoints when it is on the class
		 * path.
		 */
		private boolean enabled = true;

		/**
		 * Name of a query parameter a bearer token may be sent in, such as 'access_token'.
		 * When not set, tokens in the query are ignored: URLs end up in logs and browser
		 * history.
		 */
		private @Nullable String tokenQueryParameter;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getTokenQueryParameter() {
			return this.tokenQueryParameter;
		}

		public void setTokenQueryParameter(@Nullable String tokenQueryParameter) {
			this.tokenQueryParameter = tokenQueryParameter;
		}

	}

}
