package dev.wsboot.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSession;

import dev.wsboot.handshake.HandshakeRequest;
import dev.wsboot.handshake.QueryParameters;
import org.jspecify.annotations.Nullable;

/**
 * An upgrade request a route matched, as its {@link WsUpgradeCheck} sees it: the request,
 * the route's path template and the values of its variables, the query's parameters, the
 * TLS session it came over, and attributes the session will start with.
 */
public final class WsUpgrade {

	private final HandshakeRequest request;

	private final String template;

	private final Map<String, String> pathVariables;

	private final @Nullable SSLSession sslSession;

	private @Nullable QueryParameters queryParameters;

	private @Nullable Map<String, Object> attributes;

	/** An upgrade request over plain TCP. */
	public WsUpgrade(HandshakeRequest request, String template, Map<String, String> pathVariables) {
		this(request, template, pathVariables, null);
	}

	/** An upgrade request over TLS when {@code sslSession} is not {@code null}. */
	public WsUpgrade(HandshakeRequest request, String template, Map<String, String> pathVariables,
			@Nullable SSLSession sslSession) {
		this.request = request;
		this.template = template;
		this.pathVariables = pathVariables;
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
