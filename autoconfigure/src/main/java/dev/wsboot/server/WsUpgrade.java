package dev.wsboot.server;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSession;

import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.QueryParameters;
import org.jspecify.annotations.Nullable;

/**
 * An upgrade request a route matched, as its {@link WsUpgradeCheck} and the
 * {@link WsHandshakeInterceptor}s see it: the request, the route's path template and the
 * values of its variables, the query's parameters, the subprotocol the handshake selected,
 * the client's address, the TLS session it came over, and what the session will start
 * with: attributes and a principal. Handed from thread to thread as the decision goes on,
 * never used by two at once.
 */
public final class WsUpgrade {

	private final HandshakeRequest request;

	private final String template;

	private final Map<String, String> pathVariables;

	private final @Nullable SSLSession sslSession;

	private @Nullable QueryParameters queryParameters;

	private final @Nullable String subprotocol;

	private final @Nullable InetSocketAddress remoteAddress;

	private final String scheme;

	private @Nullable Map<String, Object> attributes;

	private volatile @Nullable Principal principal;

	/** An upgrade over plain TCP with no subprotocol selected and no known client address. */
	public WsUpgrade(HandshakeRequest request, String template, Map<String, String> pathVariables) {
		this(request, template, pathVariables, null, null, "ws", null);
	}

	/**
	 * @param request the upgrade request
	 * @param template the path template of the route that matched
	 * @param pathVariables the values of the template's variables
	 * @param subprotocol the subprotocol the handshake selected, or {@code null}
	 * @param remoteAddress the client's address, or {@code null} when unknown
	 * @param scheme {@code ws} or {@code wss}, as the client connected
	 * @param sslSession the TLS session the request came over, or {@code null} over plain TCP
	 */
	public WsUpgrade(HandshakeRequest request, String template, Map<String, String> pathVariables,
			@Nullable String subprotocol, @Nullable InetSocketAddress remoteAddress, String scheme,
			@Nullable SSLSession sslSession) {
		this.request = request;
		this.template = template;
		this.pathVariables = pathVariables;
		this.subprotocol = subprotocol;
		this.remoteAddress = remoteAddress;
		this.scheme = scheme;
		this.sslSession = sslSession;
	}

	/** The upgrade request. */
	public HandshakeRequest request() {
		return this.request;
	}

	/** The path template of the route that matched, such as {@code /rooms/{room}}. */
	public String template() {
		return this.template;
	}

	/** The values of the template's variables, percent-decoded, by name. */
	public Map<String, String> pathVariables() {
		return this.pathVariables;
	}

	/**
	 * The TLS session the request came over, with the client's certificates when the server
	 * asked for them; {@code null} over plain TCP.
	 */
	public @Nullable SSLSession sslSession() {
		return this.sslSession;
	}

	/**
	 * The query's parameters, decoded.
	 * @throws dev.wsboot.handshake.HandshakeException 400 for bad percent-encoding
	 */
	public QueryParameters queryParameters() {
		QueryParameters parameters = this.queryParameters;
		if (parameters == null) {
			parameters = QueryParameters.parse(this.request.query());
			this.queryParameters = parameters;
		}
		return parameters;
	}

	/** The subprotocol the handshake selected among those the client offered, or {@code null}. */
	public @Nullable String subprotocol() {
		return this.subprotocol;
	}

	/**
	 * The client's address: the TCP peer's, or the one a trusted proxy forwarded (see
	 * {@link dev.wsboot.server.forwarded.TrustedProxies}); {@code null} when unknown.
	 */
	public @Nullable InetSocketAddress remoteAddress() {
		return this.remoteAddress;
	}

	/**
	 * {@code wss} when the client connected over TLS, to the server or to the trusted proxy
	 * that forwarded the request; else {@code ws}.
	 */
	public String scheme() {
		return this.scheme;
	}

	/** Who the client is, as a handshake interceptor found; {@code null} until one says. */
	public @Nullable Principal principal() {
		return this.principal;
	}

	/**
	 * Sets who the client is: the session's {@link WsSession#principal()}, by whose
	 * {@link Principal#getName() name} {@link WsSessionRegistry#sessionsOf(String)} finds it.
	 */
	public void principal(@Nullable Principal principal) {
		this.principal = principal;
	}

	/** Attributes the session starts with, see {@link WsSession#attributes()}. */
	public Map<String, Object> attributes() {
		Map<String, Object> map = this.attributes;
		if (map == null) {
			map = new ConcurrentHashMap<>(4);
			this.attributes = map;
		}
		return map;
	}

	/** The attributes set so far, or {@code null} when none was. */
	public @Nullable Map<String, Object> attributesIfAny() {
		return this.attributes;
	}

}
