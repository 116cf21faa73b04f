package dev.wsboot.server.nio;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSession;

import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.HttpHeaders;
import dev.wsboot.handshake.PackedHeaders;
import dev.wsboot.handshake.QueryParameters;
import dev.wsboot.protocol.CloseStatus;
import dev.wsboot.protocol.ProtocolException;
import dev.wsboot.protocol.ProtocolListener;
import dev.wsboot.server.PreparedMessage;
import dev.wsboot.server.SendResult;
import dev.wsboot.server.WsSession;
import dev.wsboot.server.WsRoute;
import dev.wsboot.server.WsSessionStatistics;
import dev.wsboot.server.WsUpgrade;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WsSession} of one {@link Connection}: the handshake's facts, the application's
 * attributes, traffic counters (inherited from {@link SessionTraffic}), and sending, which
 * the connection does. It hears its connection's engine too, and has {@link SessionEvents}
 * act on what it hears, so that an open session is one object.
 */
final class NioWsSession extends SessionTraffic implements WsSession, ProtocolListener {

	/**
	 * Request headers of use to the handshake alone, not kept with the session. The offered
	 * subprotocols are among them: their outcome is {@link #subprotocol()}, and a browser's
	 * bearer token may travel as one.
	 */
	private static final String[] HANDSHAKE_ONLY_HEADERS = { "Upgrade", "Connection", "Sec-WebSocket-Key",
			"Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Sec-WebSocket-Protocol" };

	private final Connection connection;

	private final long id;

	private final WsRoute route;

	// Only what the session exposes of its handshake: a connection may live for days.
	private final String path;

	private final Map<String, String> pathVariables;

	private final @Nullable String query;

	/** The request's headers but the handshake's own, packed; read back only when asked for. */
	private final byte[] packedHeaders;

	private final @Nullable String subprotocol;

	private final String scheme;

	private final @Nullable Principal principal;

	private final long openedAtMillis = System.currentTimeMillis();

	private volatile @Nullable Map<String, Object> attributes;

	private final HandlerCalls calls;

	/** The session's message rate, or {@code null} when it is not limited. */
	private final @Nullable TokenBucket messageRate;

	/**
	 * @param upgrade the accepted request, as the route saw it
	 * @param route the route serving it
	 */
	NioWsSession(Connection connection, long id, WsUpgrade upgrade, WsRoute route, @Nullable String subprotocol) {
		HandshakeRequest request = upgrade.request();
		this.connection = connection;
		this.id = id;
		this.route = route;
		// A literal route's path string is shared by its sessions.
		this.path = route.path().equals(request.path()) ? route.path() : request.path();
		this.pathVariables = upgrade.pathVariables();
		this.attributes = upgrade.attributesIfAny();
		this.query = request.query();
		// Kept as long as the connection lives: packed into one array, without the fields
		// only the handshake needed, whose outcome the session states (subprotocol).
		this.packedHeaders = PackedHeaders.pack(request.headers(), HANDSHAKE_ONLY_HEADERS);
		this.subprotocol = subprotocol;
		this.scheme = upgrade.scheme();
		this.principal = upgrade.principal();
		this.calls = SessionEvents.callsOf(this, connection, route);
		this.messageRate = SessionEvents.messageRateOf(connection);
	}

	/** The principal's name, or {@code null} for an anonymous session. */
	@Nullable String principalName() {
		return (this.principal != null) ? this.principal.getName() : null;
	}

	Connection connection() {
		return this.connection;
	}

	/** The id as a number: what the registry finds the session by. */
	long numericId() {
		return this.id;
	}

	/** The route serving the session; its handler is the one the session's events call. */
	WsRoute route() {
		return this.route;
	}

	HandlerCalls calls() {
		return this.calls;
	}

	@Nullable TokenBucket messageRate() {
		return this.messageRate;
	}

	// ---- what the engine hears, for SessionEvents to act on; I/O thread ----

	@Override
	public void onText(String text, int byteLength) {
		SessionEvents.onText(this, text, byteLength);
	}

	@Override
	public void onBinary(byte[] data) {
		SessionEvents.onBinary(this, data);
	}

	@Override
	public void onPong(byte[] payload) {
		SessionEvents.onPong(this, payload);
	}

	@Override
	public void onCloseReceived(CloseStatus status) {
		SessionEvents.onCloseReceived(this, status);
	}

	@Override
	public void onProtocolError(ProtocolException error) {
		SessionEvents.onProtocolError(this, error);
	}

	@Override
	public String id() {
		return Long.toHexString(this.id);
	}

	@Override
	public InetSocketAddress remoteAddress() {
		// The connection noted a forwarded client before it opened this session.
		InetSocketAddress address = this.connection.clientAddress();
		return (address != null) ? address : InetSocketAddress.createUnresolved("unknown", 0);
	}

	@Override
	public String scheme() {
		return this.scheme;
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public String path() {
		return this.path;
	}

	@Override
	public String template() {
		return this.route.path();
	}

	@Override
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	@Override
	public QueryParameters queryParameters() {
		// Parsed again on each call: a session keeps only the raw query, which the
		// handshake already found well-formed.
		return QueryParameters.parse(this.query);
	}

	@Override
	public @Nullable String query() {
		return this.query;
	}

	@Override
	public HttpHeaders headers() {
		return PackedHeaders.read(this.packedHeaders);
	}

	@Override
	public @Nullable String subprotocol() {
		return this.subprotocol;
	}

	@Override
	public Map<String, Object> attributes() {
		Map<String, Object> map = this.attributes;
		if (map == null) {
			synchronized (this) {
				map = this.attributes;
				if (map == null) {
					map = new ConcurrentHashMap<>(4);
					this.attributes = map;
				}
			}
		}
		return map;
	}

	@Override
	public Instant openedAt() {
		return Instant.ofEpochMilli(this.openedAtMillis);
	}

	@Override
	public @Nullable SSLSession sslSession() {
		return this.connection.transport().sslSession();
	}

	@Override
	public boolean isOpen() {
		return this.connection.isOpen();
	}

	@Override
	public SendResult sendText(CharSequence text) {
		return SessionSends.text(this.connection, text);
	}

	@Override
	public SendResult sendBinary(byte[] data) {
		return SessionSends.binary(this.connection, data);
	}

	@Override
	public SendResult sendBinary(ByteBuffer data) {
		return SessionSends.binary(this.connection, data);
	}

	@Override
	public SendResult send(PreparedMessage message) {
		return SessionSends.prepared(this.connection, message);
	}

	@Override
	public SendResult send(Object message) {
		return send(this.route.encoder().encode(message));
	}

	@Override
	public SendResult sendPing(byte[] payload) {
		return SessionSends.ping(this.connection, payload);
	}

	@Override
	public void close(CloseStatus status) {
		SessionSends.close(this.connection, status);
	}

	/** The handler failed: close with 1011, unless closing already. */
	void closeAfterFailure() {
		ConnectionWriter.close(this.connection, CloseStatus.INTERNAL_ERROR);
	}

	@Override
	public long bufferedAmount() {
		return ConnectionWriter.bufferedAmount(this.connection);
	}

	@Override
	public WsSessionStatistics statistics() {
		return this;
	}

	@Override
	public String toString() {
		return "WsSession[id=" + id() + ", path=" + path() + "]";
	}

}
